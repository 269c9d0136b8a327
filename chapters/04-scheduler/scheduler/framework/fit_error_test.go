package framework

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
)

// fitError is the FitError of pod on nodes, each with its status.
func fitError(pod *corev1.Pod, statuses map[string]*Status) *FitError {
	return &FitError{Pod: pod, NumAllNodes: len(statuses), NodeToStatus: statuses}
}

// The sentence `kubectl describe pod` shows for a pod asking 5000 CPUs of
// two 2-CPU nodes, word for word as kube-scheduler v1.37 writes it.
func TestFitErrorMessageTooBigForEveryNode(t *testing.T) {
	tooBig := func() *Status { return NewStatus(UnschedulableAndUnresolvable, "Insufficient cpu") }
	err := fitError(makePod("huge"), map[string]*Status{"node-01": tooBig(), "node-02": tooBig()})
	assert.Equal(t, "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.", err.Error())
}

// Reasons are counted across nodes (a node giving two reasons counts once
// for each) and the "<count> <reason>" entries are sorted as strings, as
// kube-scheduler does, so the text is the same from one attempt to the
// next whatever the map order.
func TestFitErrorCountsAndSortsReasons(t *testing.T) {
	statuses := map[string]*Status{
		"node-01": NewStatus(UnschedulableAndUnresolvable, "node(s) didn't match Pod's node affinity/selector"),
		"node-02": NewStatus(Unschedulable, "Insufficient cpu", "Insufficient memory"),
		"node-03": NewStatus(Unschedulable, "Insufficient cpu"),
	}
	want := "0/3 nodes are available: 1 Insufficient memory, 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu." +
		" preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."
	for range 20 { // map order varies from call to call
		assert.Equal(t, want, fitError(makePod("p"), statuses).Error())
	}
}

// Sorting is by string, not by count: with 10 nodes giving one reason and
// 2 another, "10 ..." comes before "2 ...", exactly as in kube-scheduler.
func TestFitErrorSortsAsStrings(t *testing.T) {
	statuses := map[string]*Status{}
	for i := range 10 {
		statuses[fmt.Sprintf("big-%02d", i)] = NewStatus(Unschedulable, "Too many pods")
	}
	statuses["small-01"] = NewStatus(Unschedulable, "Insufficient cpu")
	statuses["small-02"] = NewStatus(Unschedulable, "Insufficient cpu")
	assert.Contains(t, fitError(makePod("p"), statuses).Error(), "0/12 nodes are available: 10 Too many pods, 2 Insufficient cpu.")
}

// A pod with preemptionPolicy Never does not preempt, and the message
// says so instead of judging the nodes.
func TestFitErrorPreemptNever(t *testing.T) {
	pod := makePod("polite")
	never := corev1.PreemptNever
	pod.Spec.PreemptionPolicy = &never
	err := fitError(pod, map[string]*Status{"node-01": NewStatus(Unschedulable, "Insufficient cpu")})
	assert.Equal(t, "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.", err.Error())
}

// With no nodes at all, the message is kube-scheduler's short one.
func TestFitErrorNoNodes(t *testing.T) {
	err := &FitError{Pod: makePod("p")}
	assert.Equal(t, "no nodes available to schedule pods", err.Error())
}
