// This file teaches how a node says it is alive. A kubelet renews a Lease
// in kube-node-lease every 10 s (a quarter of its 40 s duration), which is
// cheap, and posts its Node's status only when something changed or every
// 5 minutes. The node lifecycle controller marks a node whose Lease is
// older than 40 s NotReady. It mirrors the kubelet's node lease controller
// (k8s.io/component-helpers/apimachinery/lease) and its
// nodeStatusReportFrequency.

package simnodes

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"
	coordinationv1 "k8s.io/api/coordination/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
)

const (
	leaseNamespace = "kube-node-lease"
	// leaseDuration is the kubelet's default --node-lease-duration-seconds.
	leaseDuration = 40
	// RenewInterval is how often every node's Lease is renewed: a quarter
	// of its duration, as the kubelet does, so that three renewals may
	// fail before the node is thought dead.
	RenewInterval = 10 * time.Second
	// StatusReportInterval is the kubelet's nodeStatusReportFrequency: how
	// often an unchanged status is posted again.
	StatusReportInterval = 5 * time.Minute
)

// heartbeat renews every node's Lease now and every RenewInterval, and
// reports their status every StatusReportInterval, until ctx is done.
// Failures are logged and retried at the next tick. It alone uses
// s.leases.
func (s *Simulator) heartbeat(ctx context.Context) {
	ticker := s.opts.Clock.NewTicker(RenewInterval)
	defer ticker.Stop()
	lastReport := s.opts.Clock.Now() // registration reported it
	for {
		s.forEachNode(ctx, s.renewLease)
		if s.opts.Clock.Since(lastReport) >= StatusReportInterval {
			s.forEachNode(ctx, s.reportStatus)
			lastReport = s.opts.Clock.Now()
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C():
		}
	}
}

// forEachNode calls do for every node, parallelWrites at a time, and logs
// what failed.
func (s *Simulator) forEachNode(ctx context.Context, do func(context.Context, *simNode) error) {
	var g errgroup.Group
	g.SetLimit(parallelWrites)
	for _, n := range s.nodeList {
		g.Go(func() error {
			if err := do(ctx, n); err != nil && ctx.Err() == nil {
				s.log.Warn("heartbeat failed, will retry", "node", n.name, "err", err)
			}
			return nil
		})
	}
	_ = g.Wait()
}

// renewLease updates n's Lease from the copy last written (one request),
// or, with none or after a conflict, reads or creates it first.
func (s *Simulator) renewLease(ctx context.Context, n *simNode) error {
	s.leaseMu.Lock()
	lease := s.leases[n.name]
	s.leaseMu.Unlock()
	if lease == nil {
		var err error
		if lease, err = s.getOrCreateLease(ctx, n); err != nil {
			return err
		}
	}
	lease = lease.DeepCopy()
	lease.Spec.RenewTime = &metav1.MicroTime{Time: s.opts.Clock.Now()}
	renewed, err := s.client.CoordinationV1().Leases(leaseNamespace).Update(ctx, lease, metav1.UpdateOptions{})
	s.leaseMu.Lock()
	defer s.leaseMu.Unlock()
	if err != nil {
		delete(s.leases, n.name) // read it again next time
		return fmt.Errorf("renewing the lease of node %s: %w", n.name, err)
	}
	s.leases[n.name] = renewed
	return nil
}

// getOrCreateLease returns n's Lease, creating it if it does not exist.
func (s *Simulator) getOrCreateLease(ctx context.Context, n *simNode) (*coordinationv1.Lease, error) {
	leases := s.client.CoordinationV1().Leases(leaseNamespace)
	lease, err := leases.Get(ctx, n.name, metav1.GetOptions{})
	if err == nil {
		return lease, nil
	}
	if !apierrors.IsNotFound(err) {
		return nil, fmt.Errorf("reading the lease of node %s: %w", n.name, err)
	}
	lease, err = leases.Create(ctx, s.newLease(n), metav1.CreateOptions{})
	if err != nil {
		return nil, fmt.Errorf("creating the lease of node %s: %w", n.name, err)
	}
	return lease, nil
}

// newLease is n's Lease as the kubelet creates it: held by the node, owned
// by the Node (so that deleting the Node deletes it).
func (s *Simulator) newLease(n *simNode) *coordinationv1.Lease {
	return &coordinationv1.Lease{
		ObjectMeta: metav1.ObjectMeta{
			Name: n.name, Namespace: leaseNamespace,
			OwnerReferences: []metav1.OwnerReference{{APIVersion: "v1", Kind: "Node", Name: n.name, UID: n.uid}},
		},
		Spec: coordinationv1.LeaseSpec{
			HolderIdentity:       ptr.To(n.name),
			LeaseDurationSeconds: ptr.To[int32](leaseDuration),
			RenewTime:            &metav1.MicroTime{Time: s.opts.Clock.Now()},
		},
	}
}

// reportStatus posts n's conditions again, with a fresh heartbeat time.
// It reads the Node first: a user may have changed it (a label, a cordon)
// since, and the status write must not undo that.
func (s *Simulator) reportStatus(ctx context.Context, n *simNode) error {
	node, err := s.client.CoreV1().Nodes().Get(ctx, n.name, metav1.GetOptions{})
	if err != nil {
		return fmt.Errorf("reading node %s: %w", n.name, err)
	}
	now := metav1.NewTime(s.opts.Clock.Now())
	updated := node.DeepCopy()
	updated.Status.Conditions = refreshConditions(node.Status.Conditions, now)
	if _, err := s.client.CoreV1().Nodes().UpdateStatus(ctx, updated, metav1.UpdateOptions{}); err != nil {
		return fmt.Errorf("reporting the status of node %s: %w", n.name, err)
	}
	return nil
}
