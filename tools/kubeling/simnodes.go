// This file runs simulated nodes on their own (solutions/simnodes): N
// Nodes that register, stay Ready and run every pod bound to them, with no
// container behind it, as kwok does. Chapter 04's labs start them beside
// the scheduler; `kubeling up --sim-nodes N` starts them too.

package main

import (
	"context"
	"flag"
	"fmt"

	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/client-go/kubernetes"

	"github.com/kubeling/kubeling/solutions/simnodes"
)

// simnodesUserAgent names the simulated nodes' requests in the audit log,
// after kwok, whose role they play.
const simnodesUserAgent = "kwok-simnodes/v1.37.2"

// simnodesOptions are the flags of `kubeling simnodes`.
type simnodesOptions struct {
	kubeconfig string
	count      int
	prefix     string
	cpu        string
	memory     string
	pods       int
}

func (o *simnodesOptions) addFlags(flags *flag.FlagSet) {
	flags.StringVar(&o.kubeconfig, "kubeconfig", "", "the kubeconfig of the apiserver to register with (required)")
	flags.IntVar(&o.count, "count", 0, "how many nodes to simulate (required, at most 1023)")
	flags.StringVar(&o.prefix, "prefix", "node-", "node names are this prefix and a number: node-01, node-02, ...")
	flags.StringVar(&o.cpu, "cpu", "4", "each node's CPU capacity")
	flags.StringVar(&o.memory, "memory", "16Gi", "each node's memory capacity")
	flags.IntVar(&o.pods, "pods", 110, "the most pods each node holds (at most 253)")
}

// args are the flags that give o again, for starting it as a process.
func (o simnodesOptions) args() []string {
	return []string{"--kubeconfig", o.kubeconfig, "--count", fmt.Sprint(o.count), "--prefix", o.prefix,
		"--cpu", o.cpu, "--memory", o.memory, "--pods", fmt.Sprint(o.pods)}
}

func runSimNodes(ctx context.Context, args []string) error {
	var o simnodesOptions
	flags := flag.NewFlagSet("simnodes", flag.ContinueOnError)
	o.addFlags(flags)
	if err := flags.Parse(args); err != nil {
		return err
	}
	if o.kubeconfig == "" {
		return fmt.Errorf("--kubeconfig is required")
	}
	opts, err := o.simulatorOptions()
	if err != nil {
		return err
	}
	if err := opts.Validate(); err != nil {
		return err // before any connection: bad flags say so at once
	}
	config, err := restConfigFor(o.kubeconfig, simnodesUserAgent)
	if err != nil {
		return err
	}
	client, err := kubernetes.NewForConfig(config)
	if err != nil {
		return fmt.Errorf("making a client: %w", err)
	}
	sim, err := simnodes.New(client, opts)
	if err != nil {
		return err
	}
	return sim.Run(ctx)
}

// simulatorOptions parses o's quantities.
func (o simnodesOptions) simulatorOptions() (simnodes.Options, error) {
	cpu, err := resource.ParseQuantity(o.cpu)
	if err != nil {
		return simnodes.Options{}, fmt.Errorf("--cpu %q: %w", o.cpu, err)
	}
	memory, err := resource.ParseQuantity(o.memory)
	if err != nil {
		return simnodes.Options{}, fmt.Errorf("--memory %q: %w", o.memory, err)
	}
	return simnodes.Options{Count: o.count, Prefix: o.prefix, CPU: cpu, Memory: memory, Pods: o.pods}, nil
}
