// This file holds what every control-plane component of the launcher shares
// (the scheduler, the controller manager, the simulated nodes): a client of
// its own, named in the audit log by its user agent, and leader election
// through a Lease in kube-system, as kube-scheduler and
// kube-controller-manager do it, so that two copies never both act.

package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/client-go/tools/leaderelection"
	"k8s.io/client-go/tools/leaderelection/resourcelock"
)

// restConfigFor reads a kubeconfig and names the component's requests with
// userAgent ("kube-scheduler/v1.37.2", say), so that the audit log tells
// who did what.
func restConfigFor(kubeconfig, userAgent string) (*rest.Config, error) {
	config, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return nil, fmt.Errorf("reading the kubeconfig %q: %w", kubeconfig, err)
	}
	config.UserAgent = userAgent
	// client-go's defaults (5 requests/s, bursts of 10) would make a
	// 5,000-pod benchmark measure the client's rate limiter, not the
	// component; Kubernetes' components raise them by flag too.
	config.QPS, config.Burst = 5000, 10000
	return config, nil
}

// leaderElection says how a component takes part in an election.
type leaderElection struct {
	enabled  bool
	lockName string // the Lease in kube-system: "kube-scheduler", "kube-controller-manager"
	identity string // this copy's name in the Lease's holderIdentity
}

// runAsLeader runs lead once this process holds the Lease, and returns when
// ctx is done or leadership is lost. Losing the Lease ends the component:
// another copy is leading, and this one may hold stale in-memory state
// (assumed pods, expectations), so it must not carry on from it.
func runAsLeader(ctx context.Context, client kubernetes.Interface, le leaderElection, lead func(context.Context) error) error {
	if !le.enabled {
		return lead(ctx)
	}
	identity := le.identity
	if identity == "" {
		host, _ := os.Hostname()
		identity = fmt.Sprintf("%s_%d", host, os.Getpid())
	}
	lock := &resourcelock.LeaseLock{
		LeaseMeta:  metav1.ObjectMeta{Namespace: "kube-system", Name: le.lockName},
		Client:     client.CoordinationV1(),
		LockConfig: resourcelock.ResourceLockConfig{Identity: identity},
	}
	result := make(chan error, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The durations are Kubernetes' defaults: a leader that stops renewing
	// is replaced within 15 s, and renews every 2 s.
	leaderelection.RunOrDie(ctx, leaderelection.LeaderElectionConfig{
		Lock:            lock,
		LeaseDuration:   15 * time.Second,
		RenewDeadline:   10 * time.Second,
		RetryPeriod:     2 * time.Second,
		ReleaseOnCancel: true,
		Name:            le.lockName,
		Callbacks: leaderelection.LeaderCallbacks{
			OnStartedLeading: func(ctx context.Context) {
				slog.Info("became the leader", "lease", "kube-system/"+le.lockName, "identity", identity)
				result <- lead(ctx)
				cancel()
			},
			OnStoppedLeading: func() { slog.Info("no longer the leader", "lease", "kube-system/"+le.lockName) },
		},
	})
	select {
	case err := <-result:
		return err
	default:
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("lost the lease kube-system/%s", le.lockName)
	}
}
