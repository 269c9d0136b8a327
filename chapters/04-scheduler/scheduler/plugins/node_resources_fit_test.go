package plugins

import (
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
)

// A pod fits when its requests fit in what is still free: allocatable minus
// what the placed pods request. On a 4-CPU node with 2 CPUs taken, 2 are
// free: a pod asking 2 fits exactly, one asking 3 does not. Overbooking
// here is how a node ends up running more than it can.
func TestFitCPUAgainstWhatIsFree(t *testing.T) {
	node := makeNode("node-01", "4", "8Gi", 110)
	placed := makePod("placed", "2", "1Gi")
	tests := []struct {
		name string
		cpu  string
		fits bool
	}{
		{"asks exactly what is free", "2", true},
		{"asks less than is free", "1500m", true},
		{"asks 1 millicpu too many", "2001m", false},
		{"asks 3 of 2 free", "3", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := filter(t, &NodeResourcesFit{}, makePod("new", tt.cpu, "1Gi"), nodeWith(node, placed))
			if tt.fits {
				assert.True(t, st.IsSuccess(), "a pod asking %s CPUs was refused by a node with 2 free: %v", tt.cpu, st.Reasons())
				return
			}
			assert.Equal(t, []string{ReasonInsufficientCPU}, st.Reasons(), "a pod asking %s CPUs was let onto a node with 2 free", tt.cpu)
		})
	}
}

// Memory follows the same rule as cpu: with 1Gi of 2Gi free, 1Gi fits and
// 1Gi plus one byte does not.
func TestFitMemoryAgainstWhatIsFree(t *testing.T) {
	node := makeNode("node-01", "4", "2Gi", 110)
	placed := makePod("placed", "100m", "1Gi")

	st := filter(t, &NodeResourcesFit{}, makePod("fits", "100m", "1Gi"), nodeWith(node, placed))
	assert.True(t, st.IsSuccess(), "a pod asking 1Gi was refused by a node with 1Gi free: %v", st.Reasons())

	st = filter(t, &NodeResourcesFit{}, makePod("too-big", "100m", "1073741825"), nodeWith(node, placed))
	assert.Equal(t, []string{ReasonInsufficientMemory}, st.Reasons(), "a pod asking 1Gi+1 byte was let onto a node with 1Gi free")
}

// The node's allocatable "pods" caps how many pods it runs, whatever they
// request: a node for 2 pods takes a second one, not a third.
func TestFitPodCountFromAllocatablePods(t *testing.T) {
	node := makeNode("node-01", "4", "8Gi", 2)

	st := filter(t, &NodeResourcesFit{}, makePod("second", "", ""), nodeWith(node, makePod("a", "", "")))
	assert.True(t, st.IsSuccess(), "a node for 2 pods refused its second: %v", st.Reasons())

	st = filter(t, &NodeResourcesFit{}, makePod("third", "", ""), nodeWith(node, makePod("a", "", ""), makePod("b", "", "")))
	assert.Equal(t, []string{ReasonTooManyPods}, st.Reasons(), "a node for 2 pods took a third")
	assert.Equal(t, framework.Unschedulable, st.Code(), "a full node frees a slot when a pod leaves")
}

// A pod that requests no cpu (or no memory) never fails on that resource,
// even on a node where it is all taken, or overcommitted: a node whose
// allocatable shrank (the kubelet reserved more) below what its pods
// already request has less than 0 free, and 0 must still fit.
func TestFitUnrequestedResourceNeverFails(t *testing.T) {
	node := nodeWith(makeNode("node-01", "1", "1Gi", 110), makePod("full", "1", "1Gi"))
	st := filter(t, &NodeResourcesFit{}, makePod("besteffort", "", ""), node)
	assert.True(t, st.IsSuccess(), "a pod requesting nothing was refused by a full node: %v", st.Reasons())

	node.SetNode(makeNode("node-01", "500m", "512Mi", 110))
	st = filter(t, &NodeResourcesFit{}, makePod("besteffort", "", ""), node)
	assert.True(t, st.IsSuccess(), "a pod requesting nothing was refused by an overcommitted node: %v", st.Reasons())
	st = filter(t, &NodeResourcesFit{}, makePod("cpu-only", "100m", ""), node)
	assert.Equal(t, []string{ReasonInsufficientCPU}, st.Reasons(), "a pod requesting no memory failed on memory")
}

// Every resource that fails is reported, in the order pods, cpu, memory,
// so that the FailedScheduling event counts each of them.
func TestFitReportsEveryFailingResource(t *testing.T) {
	node := makeNode("node-01", "1", "1Gi", 1)
	st := filter(t, &NodeResourcesFit{}, makePod("greedy", "2", "2Gi"), nodeWith(node, makePod("a", "", "")))
	assert.Equal(t, []string{ReasonTooManyPods, ReasonInsufficientCPU, ReasonInsufficientMemory}, st.Reasons())
}

// The code tells preemption whether evicting pods could help: a pod asking
// 3 CPUs of a 4-CPU node with 2 taken could fit once pods leave
// (Unschedulable); one asking 3 of a 2-CPU node never can
// (UnschedulableAndUnresolvable), and FailedScheduling then says
// "Preemption is not helpful".
func TestFitCodeSaysWhetherEvictingCouldHelp(t *testing.T) {
	busy := nodeWith(makeNode("busy", "4", "8Gi", 110), makePod("placed", "2", ""))
	st := filter(t, &NodeResourcesFit{}, makePod("new", "3", ""), busy)
	assert.Equal(t, framework.Unschedulable, st.Code(), "3 CPUs fit on a 4-CPU node once its pods leave")

	small := nodeWith(makeNode("small", "2", "8Gi", 110))
	st = filter(t, &NodeResourcesFit{}, makePod("new", "3", ""), small)
	assert.Equal(t, framework.UnschedulableAndUnresolvable, st.Code(), "3 CPUs never fit on a 2-CPU node")

	st = filter(t, &NodeResourcesFit{}, makePod("new", "", "9Gi"), small)
	assert.Equal(t, framework.UnschedulableAndUnresolvable, st.Code(), "9Gi never fits on an 8Gi node")
}

// The filter judges the pod's effective request, so a big init container
// counts: on a 2-CPU node, an app container asking 1 CPU with an init
// container asking 3 does not fit (init containers run before the app,
// but they run on this node too).
func TestFitCountsInitContainers(t *testing.T) {
	pod := makePod("with-init", "1", "")
	pod.Spec.InitContainers = []corev1.Container{{Name: "migrate", Resources: requests("3", "")}}
	st := filter(t, &NodeResourcesFit{}, pod, nodeWith(makeNode("node-01", "2", "8Gi", 110)))
	assert.Equal(t, []string{ReasonInsufficientCPU}, st.Reasons(), "an init container asking 3 CPUs was let onto a 2-CPU node")
}
