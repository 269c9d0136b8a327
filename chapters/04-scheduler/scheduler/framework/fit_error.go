// This file teaches the sentence `kubectl describe pod` shows for a pod
// that fits nowhere: how many nodes there are, and for each reason how many
// nodes gave it, then what preemption would have done:
//
//	0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.
//
// It mirrors the format of FitError.Error in kube-scheduler v1.37 and the
// message of its DefaultPreemption plugin.

package framework

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// ErrNoNodesAvailable is the message when the cluster has no nodes at all,
// worded as kube-scheduler words it.
const ErrNoNodesAvailable = "no nodes available to schedule pods"

// Why preemption could not help on a node. The teaching scheduler does not
// preempt; it says what kube-scheduler says when there is nothing to
// preempt: a node whose failure removing pods cannot fix is "not helpful",
// and on the others no pod of lower priority is evicted.
const (
	preemptionNotHelpful = "Preemption is not helpful for scheduling"
	noPreemptionVictims  = "No preemption victims found for incoming pod"
)

// FitError says why a pod fits on none of the nodes.
type FitError struct {
	Pod *corev1.Pod
	// NumAllNodes is the number of nodes the pod was tried on.
	NumAllNodes int
	// NodeToStatus is each node's failed Status.
	NodeToStatus map[string]*Status
}

// Error is the FailedScheduling event's message and the PodScheduled
// condition's.
func (f *FitError) Error() string {
	if f.NumAllNodes == 0 {
		return ErrNoNodesAvailable
	}
	msg := fmt.Sprintf("0/%d nodes are available:", f.NumAllNodes)
	if reasons := reasonHistogram(f.NodeToStatus, (*Status).Reasons); len(reasons) > 0 {
		msg += " " + strings.Join(reasons, ", ") + "."
	}
	return msg + " preemption: " + f.preemptionMessage()
}

// preemptionMessage is what DefaultPreemption's PostFilter would report.
func (f *FitError) preemptionMessage() string {
	if p := f.Pod.Spec.PreemptionPolicy; p != nil && *p == corev1.PreemptNever {
		return "not eligible due to preemptionPolicy=Never."
	}
	reasons := reasonHistogram(f.NodeToStatus, func(s *Status) []string {
		if s.Code() == UnschedulableAndUnresolvable {
			return []string{preemptionNotHelpful}
		}
		return []string{noPreemptionVictims}
	})
	return fmt.Sprintf("0/%d nodes are available: %s.", f.NumAllNodes, strings.Join(reasons, ", "))
}

// reasonHistogram counts how many nodes gave each reason (reasonsOf reads a
// node's) and returns "<count> <reason>" strings, sorted.
func reasonHistogram(statuses map[string]*Status, reasonsOf func(*Status) []string) []string {
	// TODO(chapter 4): write fit-error-histogram.
	// Hint: a node may give several reasons ("Insufficient cpu" and "Insufficient memory"); each counts once for that node
	// Hint: each entry is the count, a space, then the reason: "2 Insufficient cpu"
	// Hint: kube-scheduler sorts the entries as strings (so "1 node(s) ..." comes before "2 Insufficient cpu"), which keeps the text the same from one attempt to the next
	panic("TODO(chapter 4): fit-error-histogram is not written yet (see chapters/04-scheduler/README.md)")
}
