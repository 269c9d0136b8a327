// This file runs the scheduler on its own (solutions/scheduler), as
// kube-scheduler runs: a process with its own client, named in the audit
// log by its user agent, that places pods only while it holds the
// kube-system/kube-scheduler Lease. Chapter 04's labs start it beside the
// apiserver and the simulated nodes; `kubeling up` starts it too.

package main

import (
	"context"
	"flag"
	"fmt"

	"k8s.io/client-go/kubernetes"

	informers "github.com/kubeling/kubeling/solutions/client/cache"
	"github.com/kubeling/kubeling/solutions/scheduler"
)

// schedulerUserAgent is what kube-scheduler v1.37.2 sends, so that the
// audit log reads the same as a real cluster's.
const schedulerUserAgent = "kube-scheduler/v1.37.2"

// schedulerOptions are the flags of `kubeling scheduler`.
type schedulerOptions struct {
	kubeconfig    string
	schedulerName string
	leaderElect   bool
	identity      string
}

func (o *schedulerOptions) addFlags(flags *flag.FlagSet) {
	flags.StringVar(&o.kubeconfig, "kubeconfig", "", "the kubeconfig of the apiserver to schedule through (required)")
	flags.StringVar(&o.schedulerName, "scheduler-name", scheduler.DefaultSchedulerName, "schedule the pods whose spec.schedulerName is this")
	flags.BoolVar(&o.leaderElect, "leader-elect", true, "schedule only while holding the Lease kube-system/kube-scheduler, so that two copies never both bind")
	flags.StringVar(&o.identity, "leader-elect-identity", "", "this copy's name in the Lease (default: hostname_pid)")
}

// args are the flags that give o again, for starting it as a process.
func (o schedulerOptions) args() []string {
	return []string{"--kubeconfig", o.kubeconfig, "--scheduler-name", o.schedulerName,
		fmt.Sprintf("--leader-elect=%t", o.leaderElect)}
}

func runScheduler(ctx context.Context, args []string) error {
	var o schedulerOptions
	flags := flag.NewFlagSet("scheduler", flag.ContinueOnError)
	o.addFlags(flags)
	if err := flags.Parse(args); err != nil {
		return err
	}
	if o.kubeconfig == "" {
		return fmt.Errorf("--kubeconfig is required")
	}
	config, err := restConfigFor(o.kubeconfig, schedulerUserAgent)
	if err != nil {
		return err
	}
	client, err := kubernetes.NewForConfig(config)
	if err != nil {
		return fmt.Errorf("making a client: %w", err)
	}
	election := leaderElection{enabled: o.leaderElect, lockName: "kube-scheduler", identity: o.identity}
	return runAsLeader(ctx, client, election, func(ctx context.Context) error {
		// The informers start only once this copy leads: a standby keeps
		// no cache that could go stale while it waits.
		factory := informers.NewSharedInformerFactory(client, informers.FactoryOptions{})
		ctx, cancel := context.WithCancel(ctx)
		// Stop the informers before waiting for them (defers run last
		// first), also when Run panics: a wait on running informers would
		// turn the panic into a hang.
		defer factory.Shutdown()
		defer cancel()
		s := scheduler.New(client, factory, scheduler.Options{SchedulerName: o.schedulerName})
		return s.Run(ctx)
	})
}
