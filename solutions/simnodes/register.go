// This file teaches node registration: a kubelet creates its Node, or,
// finding one of its name already there (a restart), keeps it and reports
// its status afresh. It mirrors the kubelet's registerWithAPIServer and
// tryRegisterWithAPIServer. Where a kubelet is handed its podCIDR by the
// controller manager's node IPAM, a simulated node picks the first /24 no
// Node of the cluster holds yet, so that two Simulators (node- and big-,
// say) never give two pods the same IP.

package simnodes

import (
	"context"
	"fmt"

	"golang.org/x/sync/errgroup"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// parallelWrites bounds the writes a Simulator has in flight at once when
// it registers nodes or renews leases: enough to hide each request's round
// trip, few enough not to swamp a 2-core apiserver.
const parallelWrites = 16

// registerNodes plans every node of s and registers it, and returns them
// by name.
func (s *Simulator) registerNodes(ctx context.Context) (map[string]*simNode, error) {
	existing, err := s.client.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, fmt.Errorf("listing nodes: %w", err)
	}
	planned, err := planNodes(s.opts, existing.Items)
	if err != nil {
		return nil, err
	}
	byName := map[string]*corev1.Node{}
	for i := range existing.Items {
		byName[existing.Items[i].Name] = &existing.Items[i]
	}
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(parallelWrites)
	for _, n := range planned {
		g.Go(func() error { return s.registerNode(ctx, n, byName[n.name]) })
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	nodes := map[string]*simNode{}
	for _, n := range planned {
		nodes[n.name] = n
	}
	return nodes, nil
}

// planNodes names the nodes of o and gives each a block: its own, if the
// node exists already, else the lowest one no node in existing holds.
func planNodes(o Options, existing []corev1.Node) ([]*simNode, error) {
	taken := map[int]bool{}
	kept := map[string]int{}
	for _, node := range existing {
		if node.Spec.PodCIDR == "" {
			continue
		}
		b, err := blockOf(node.Spec.PodCIDR)
		if err != nil {
			continue // not ours to hand out, and not in our range
		}
		taken[b] = true
		kept[node.Name] = b
	}
	var planned []*simNode
	next := 1
	for i := 1; i <= o.Count; i++ {
		name := nodeName(o.Prefix, i, o.Count)
		b, ok := kept[name]
		for ; !ok && taken[next]; next++ {
		}
		if !ok {
			if next > maxNodes {
				return nil, fmt.Errorf("no /24 of 10.244.0.0/14 is left for node %s: the cluster's nodes hold them all", name)
			}
			b, taken[next] = next, true
		}
		planned = append(planned, newSimNode(name, b))
	}
	return planned, nil
}

// registerNode creates n's Node, or reports the status of the one that
// exists, and records its UID.
func (s *Simulator) registerNode(ctx context.Context, n *simNode, existing *corev1.Node) error {
	now := metav1.NewTime(s.opts.Clock.Now())
	if existing == nil {
		created, err := s.client.CoreV1().Nodes().Create(ctx, n.object(s.opts, now), metav1.CreateOptions{})
		if err == nil {
			n.uid = created.UID
			return nil
		}
		if !apierrors.IsAlreadyExists(err) {
			return fmt.Errorf("registering node %s: %w", n.name, err)
		}
		// Created meanwhile (another Simulator with the same prefix?):
		// report its status, as a restarted kubelet would.
		if existing, err = s.client.CoreV1().Nodes().Get(ctx, n.name, metav1.GetOptions{}); err != nil {
			return fmt.Errorf("reading node %s: %w", n.name, err)
		}
	}
	if existing.Spec.PodCIDR != "" && existing.Spec.PodCIDR != n.podCIDR.String() {
		return fmt.Errorf("node %s exists with podCIDR %s, which simnodes cannot use (delete the node first)", n.name, existing.Spec.PodCIDR)
	}
	updated := existing.DeepCopy()
	updated.Status = n.status(s.opts, now)
	updated.Status.Conditions = refreshConditions(existing.Status.Conditions, now)
	reported, err := s.client.CoreV1().Nodes().UpdateStatus(ctx, updated, metav1.UpdateOptions{})
	if err != nil {
		return fmt.Errorf("reporting the status of node %s: %w", n.name, err)
	}
	n.uid = reported.UID
	return nil
}
