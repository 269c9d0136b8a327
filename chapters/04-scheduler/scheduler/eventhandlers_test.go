package scheduler

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// TestPodsThatAreNotOursToPlaceAreNeverQueued proves the "ours only"
// promise: a pod of another scheduler, a pod created with spec.nodeName
// (a static or DaemonSet-style pod), and a pod being deleted are not
// scheduled. Queueing them would bind a pod another scheduler owns, or
// fight the apiserver over a pod already placed.
func TestPodsThatAreNotOursToPlaceAreNeverQueued(t *testing.T) {
	otherScheduler := pod("gpu-job", "1")
	otherScheduler.Spec.SchedulerName = "volcano"
	deleting := pod("leaving", "1")
	deleting.DeletionTimestamp = &metav1.Time{Time: metav1.Now().Time}
	deleting.Finalizers = []string{"example.com/cleanup"}
	preBound := boundTo(pod("static", "1"), "node-01")

	synctest.Test(t, func(t *testing.T) {
		c := newCluster(node("node-01", "4"), otherScheduler, deleting, preBound)
		s, _ := c.start(t)

		active, backoff, unschedulable, inFlight := s.queue.Counts()
		assert.Zero(t, active+backoff+unschedulable+inFlight,
			"pods that are not ours to place were queued (active %d, backoff %d, unschedulable %d, in flight %d)", active, backoff, unschedulable, inFlight)
		assert.Empty(t, c.bindCalls(), "the scheduler bound a pod of another scheduler, a bound pod, or a pod being deleted")
		assert.Empty(t, c.recordedEvents(), "the scheduler recorded events for pods that are not its own")
	})
}

// TestBoundPodsCountAgainstTheirNode proves that the pods already running
// reach the cache: node-01 has 2 CPUs, all taken by a bound pod, so a new
// pod asking 1 CPU must go to node-02. Were the bound pod not counted, the
// tie would send the new pod to node-01 and overbook it. A Succeeded pod
// on node-02 holds nothing and must not count.
func TestBoundPodsCountAgainstTheirNode(t *testing.T) {
	finished := boundTo(pod("batch-done", "2"), "node-02")
	finished.Status.Phase = corev1.PodSucceeded

	synctest.Test(t, func(t *testing.T) {
		c := newCluster(node("node-01", "2"), node("node-02", "2"), boundTo(pod("running", "2"), "node-01"), finished, pod("new", "1"))
		s, _ := c.start(t)

		assert.Equal(t, int64(2000), cachedNode(t, s, "node-01").Requested.MilliCPU, "the bound pod's 2 CPUs must count against node-01 in the cache")
		assert.Equal(t, "node-02", c.nodeOf(t, "new"), "a pod asking 1 CPU was put on node-01, whose 2 CPUs a bound pod already takes")
	})
}

// heartbeat returns a copy of node with only a newer lastHeartbeatTime, as
// the kubelet sends every 10 s.
func heartbeat(node *corev1.Node) *corev1.Node {
	node = node.DeepCopy()
	node.Status.Conditions[0].LastHeartbeatTime = metav1.Unix(2000, 0)
	return node
}

// TestNodeSchedulingPropertiesChangedOnlyForWhatFiltersRead proves which
// node updates wake the unschedulable pods: only those a filter reads
// (labels, taints, allocatable, spec.unschedulable, the Ready condition).
// A heartbeat changes none of them; 500 nodes beat every 10 s, and waking
// every pending pod 50 times a second would keep the scheduler failing
// the same pods for ever.
func TestNodeSchedulingPropertiesChangedOnlyForWhatFiltersRead(t *testing.T) {
	base := node("node-01", "2")
	cases := []struct {
		name   string
		change func(n *corev1.Node)
		want   bool
	}{
		{"heartbeat only", func(n *corev1.Node) { n.Status.Conditions[0].LastHeartbeatTime = metav1.Unix(2000, 0) }, false},
		{"images only", func(n *corev1.Node) { n.Status.Images = []corev1.ContainerImage{{Names: []string{"nginx:1.27.0"}}} }, false},
		{"label added", func(n *corev1.Node) { n.Labels["zone"] = "a" }, true},
		{"taint added", func(n *corev1.Node) {
			n.Spec.Taints = []corev1.Taint{{Key: "dedicated", Value: "gpu", Effect: corev1.TaintEffectNoSchedule}}
		}, true},
		{"allocatable grew", func(n *corev1.Node) {
			n.Status.Allocatable[corev1.ResourceCPU] = resource.MustParse("4")
		}, true},
		{"cordoned", func(n *corev1.Node) { n.Spec.Unschedulable = true }, true},
		{"became not Ready", func(n *corev1.Node) { n.Status.Conditions[0].Status = corev1.ConditionFalse }, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			newNode := base.DeepCopy()
			c.change(newNode)
			got := nodeSchedulingPropertiesChanged(base, newNode)
			assert.Equal(t, c.want, got, "a node update (%s): nodeSchedulingPropertiesChanged = %v, want %v", c.name, got, c.want)
		})
	}
}

// TestHeartbeatDoesNotRetryWaitingPodsButALabelDoes proves the same
// through the informer: after a heartbeat the pod that fits nowhere is not
// tried again (no new FailedScheduling event); after a label change it is.
func TestHeartbeatDoesNotRetryWaitingPodsButALabelDoes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := node("node-01", "2")
		c := newCluster(n, pod("p", "3"))
		c.start(t)
		require.Len(t, c.recordedEvents(), 1, "the pod asking 3 CPUs on a 2-CPU node must fail once")

		_, err := c.client.CoreV1().Nodes().UpdateStatus(context.Background(), heartbeat(n), metav1.UpdateOptions{})
		require.NoError(t, err)
		settle()
		assert.Len(t, c.recordedEvents(), 1, "a heartbeat made the scheduler try the waiting pod again")

		relabel(t, c, "node-01", "zone", "a")
		settle()
		assert.Len(t, c.recordedEvents(), 2, "a label change must bring the waiting pod back for another attempt")
	})
}

// TestPlacedPodLeavingWakesThePodWaitingForItsRoom proves the third event
// that can make a pod fit: a placed pod going away, deleted or finished
// (a Succeeded pod holds nothing). node-01's 2 CPUs are taken by a bound
// pod; a pod asking 2 CPUs waits; when the bound pod leaves, the waiting
// one must be bound within 2 seconds, not after the 5-minute safety flush.
func TestPlacedPodLeavingWakesThePodWaitingForItsRoom(t *testing.T) {
	cases := []struct {
		name  string
		leave func(t *testing.T, c *cluster)
	}{
		{"deleted", func(t *testing.T, c *cluster) {
			require.NoError(t, c.client.CoreV1().Pods("default").Delete(context.Background(), "running", metav1.DeleteOptions{}))
		}},
		{"succeeded", func(t *testing.T, c *cluster) {
			p := c.getPod(t, "running")
			p.Status.Phase = corev1.PodSucceeded
			_, err := c.client.CoreV1().Pods("default").UpdateStatus(context.Background(), p, metav1.UpdateOptions{})
			require.NoError(t, err)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c := newCluster(node("node-01", "2"), boundTo(pod("running", "2"), "node-01"), pod("waiting", "2"))
				c.start(t)
				require.Len(t, c.recordedEvents(), 1, "the pod asking 2 CPUs must fail while node-01's 2 CPUs are taken")

				left := time.Now()
				tc.leave(t, c)
				settle()

				binds := c.bindCallsFor("waiting")
				require.Len(t, binds, 1, "the placed pod was %s, but the pod waiting for its room was not bound", tc.name)
				assert.Less(t, binds[0].at.Sub(left), 2*time.Second, "the waiting pod was bound %v after the placed pod was %s", binds[0].at.Sub(left), tc.name)
			})
		})
	}
}
