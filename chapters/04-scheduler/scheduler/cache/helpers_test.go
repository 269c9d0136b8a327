package cache

import (
	"fmt"
	"io"
	"log/slog"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	testingclock "k8s.io/utils/clock/testing"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// t0 is when every fake clock starts.
var t0 = time.Date(2026, time.March, 1, 12, 0, 0, 0, time.UTC)

// newTestCache returns an empty cache with the default 15-minute TTL on a
// fake clock that only moves when the test steps it.
func newTestCache() (*Cache, *testingclock.FakeClock) {
	clk := testingclock.NewFakeClock(t0)
	return New(DefaultAssumedPodTTL, clk, quiet), clk
}

// newNode returns a node offering cpu (e.g. "4") and 110 pods.
func newNode(name, cpu string) *corev1.Node {
	return &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Status: corev1.NodeStatus{Allocatable: corev1.ResourceList{
			corev1.ResourceCPU:    resource.MustParse(cpu),
			corev1.ResourceMemory: resource.MustParse("8Gi"),
			corev1.ResourcePods:   resource.MustParse("110"),
		}},
	}
}

// newPod returns a pod on nodeName ("" for none) requesting cpu.
func newPod(name, nodeName, cpu string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name, UID: types.UID(name + "-uid")},
		Spec: corev1.PodSpec{
			NodeName: nodeName,
			Containers: []corev1.Container{{
				Name: "app", Image: "nginx:1.27.0",
				Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse(cpu)}},
			}},
		},
	}
}

// onNode returns a copy of pod bound to nodeName.
func onNode(pod *corev1.Pod, nodeName string) *corev1.Pod {
	pod = pod.DeepCopy()
	pod.Spec.NodeName = nodeName
	return pod
}

// nodeView is what a test reads of one node in a snapshot.
type nodeView struct {
	AllocatableMilliCPU int64
	RequestedMilliCPU   int64
	Pods                []string // names, sorted
}

func (v nodeView) String() string {
	return fmt.Sprintf("%dm of %dm cpu requested by %v", v.RequestedMilliCPU, v.AllocatableMilliCPU, v.Pods)
}

// view returns what snapshot s says about every node, by name.
func view(s *Snapshot) map[string]nodeView {
	out := map[string]nodeView{}
	for _, n := range s.Nodes() {
		v := nodeView{AllocatableMilliCPU: n.Allocatable.MilliCPU, RequestedMilliCPU: n.Requested.MilliCPU, Pods: []string{}}
		for _, p := range n.Pods {
			v.Pods = append(v.Pods, p.Pod.Name)
		}
		sort.Strings(v.Pods)
		out[n.Name()] = v
	}
	return out
}

// snapshotOf returns a fresh snapshot of c.
func snapshotOf(c *Cache) *Snapshot {
	s := NewSnapshot()
	c.UpdateSnapshot(s)
	return s
}

// requestedOn returns the cpu (in millicores) the snapshot counts on node.
func requestedOn(t *testing.T, s *Snapshot, node string) int64 {
	t.Helper()
	n, ok := s.Get(node)
	require.True(t, ok, "node %s is missing from the snapshot", node)
	return n.Requested.MilliCPU
}
