package scheduler

import (
	"context"
	"encoding/json"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/queue"
)

// TestPodThatFitsOneNodeIsBoundThereAndTheEventSaysSo proves the happy
// path end to end: of three nodes with 1, 4 and 2 CPUs, only node-02 can
// take a pod asking 3 CPUs; the pod is bound there through pods/binding,
// and `kubectl describe pod` shows kube-scheduler's Scheduled event.
func TestPodThatFitsOneNodeIsBoundThereAndTheEventSaysSo(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCluster(node("node-01", "1"), node("node-02", "4"), node("node-03", "2"), pod("p", "3"))
		c.start(t)

		assert.Equal(t, "node-02", c.nodeOf(t, "p"), "a pod asking 3 CPUs must land on node-02, the only node with 3 free")
		assert.Equal(t, []string{"Normal Scheduled Successfully assigned default/p to node-02"}, c.recordedEvents(),
			"the one event must be kube-scheduler's Scheduled event, worded as it words it")
		assert.Empty(t, c.statusPatches(), "a pod scheduled at the first attempt needs no PodScheduled=False patch")
	})
}

// The message of a pod asking 3 CPUs on two nodes of 2: more than either
// node has in all, so evicting pods would not help either.
const tooBigForTwoNodes = "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."

// TestPodThatFitsNowhereGetsAnEventAndOnePodScheduledPatch proves what a
// user sees of a pod that fits nowhere: a Warning FailedScheduling event
// with kube-scheduler's sentence, and the PodScheduled condition set to
// False, reason Unschedulable, through a strategic merge patch of
// pods/status (so the kubelet's conditions are left alone). A second
// failure for the same reason records another event but must not write
// the pod again: 500 pending pods retried on every node change would
// otherwise be 500 writes each time.
func TestPodThatFitsNowhereGetsAnEventAndOnePodScheduledPatch(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCluster(node("node-01", "2"), node("node-02", "2"), pod("p", "3"))
		c.start(t)

		assert.Equal(t, "", c.nodeOf(t, "p"), "a pod asking 3 CPUs was bound although no node has more than 2")
		assert.Equal(t, []string{"Warning FailedScheduling " + tooBigForTwoNodes}, c.recordedEvents())
		patches := c.statusPatches()
		require.Equal(t, 1, len(patches), "one failure must patch the pod's status once")
		assert.Equal(t, types.StrategicMergePatchType, patches[0].GetPatchType(), "the condition must be sent as a strategic merge patch, which merges conditions by type")
		assertPatchSetsOnlyPodScheduled(t, patches[0].GetPatch())
		cond := podScheduledCondition(t, c.getPod(t, "p"))
		assert.Equal(t, corev1.ConditionFalse, cond.Status)
		assert.Equal(t, corev1.PodReasonUnschedulable, cond.Reason)
		assert.Equal(t, tooBigForTwoNodes, cond.Message)

		relabel(t, c, "node-01", "zone", "a") // a change that can matter: the pod is tried again
		settle()
		assert.Equal(t, []string{"Warning FailedScheduling " + tooBigForTwoNodes, "Warning FailedScheduling " + tooBigForTwoNodes},
			c.recordedEvents(), "the relabelled node must bring the pod back for a second attempt, which fails the same way")
		assert.Equal(t, 1, len(c.statusPatches()), "a second failure with the same message must not patch the pod again")
	})
}

// assertPatchSetsOnlyPodScheduled checks a status patch carries one
// condition, PodScheduled, and nothing else of the status.
func assertPatchSetsOnlyPodScheduled(t *testing.T, patch []byte) {
	t.Helper()
	var body struct {
		Status map[string]json.RawMessage `json:"status"`
	}
	require.NoError(t, json.Unmarshal(patch, &body), "the patch is not JSON: %s", patch)
	require.Contains(t, body.Status, "conditions", "the patch must set status.conditions: %s", patch)
	assert.Len(t, body.Status, 1, "the patch must change status.conditions only: %s", patch)
	var conds []corev1.PodCondition
	require.NoError(t, json.Unmarshal(body.Status["conditions"], &conds))
	require.Len(t, conds, 1, "the patch must carry PodScheduled alone, so the other conditions merge untouched: %s", patch)
	assert.Equal(t, corev1.PodScheduled, conds[0].Type)
}

// podScheduledCondition returns pod's PodScheduled condition.
func podScheduledCondition(t *testing.T, pod *corev1.Pod) corev1.PodCondition {
	t.Helper()
	for _, c := range pod.Status.Conditions {
		if c.Type == corev1.PodScheduled {
			return c
		}
	}
	require.Failf(t, "no PodScheduled condition", "pod %s has conditions %v", pod.Name, pod.Status.Conditions)
	return corev1.PodCondition{}
}

// relabel sets a label on a node through the apiserver.
func relabel(t *testing.T, c *cluster, nodeName, key, value string) {
	t.Helper()
	ctx := context.Background()
	n, err := c.client.CoreV1().Nodes().Get(ctx, nodeName, metav1.GetOptions{})
	require.NoError(t, err)
	n.Labels[key] = value
	_, err = c.client.CoreV1().Nodes().Update(ctx, n, metav1.UpdateOptions{})
	require.NoError(t, err)
}

// TestNodeAddSchedulesTheWaitingPod proves that a pod waiting for a node
// is placed as soon as one joins: the node informer's add moves the
// unschedulable pods back to the queue. Without that move the pod would
// wait for the 5-minute safety flush; here it must be bound within 2
// seconds of the node's creation, with nothing else happening.
func TestNodeAddSchedulesTheWaitingPod(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCluster(pod("p", "1"))
		c.start(t)
		require.Equal(t, []string{"Warning FailedScheduling no nodes available to schedule pods"}, c.recordedEvents())

		added := time.Now()
		c.create(t, node("node-01", "2"))
		settle()

		binds := c.bindCallsFor("p")
		require.Len(t, binds, 1, "the pod waiting for a node was not bound after node-01 joined")
		assert.Equal(t, "node-01", binds[0].node)
		assert.Less(t, binds[0].at.Sub(added), 2*time.Second,
			"the pod was bound %v after the node joined: the node add did not move it (the safety flush comes after %v)", binds[0].at.Sub(added), queue.MaxInUnschedulable)
	})
}

// TestNewFailureReasonPatchesAgainButKeepsTheTransitionTime proves the
// other half of the PodScheduled rule: when the reason changes (a third
// node joins, too small as well) the condition is written again with the
// new message, but its lastTransitionTime stays the time the pod first
// became unschedulable: it is still False, so nothing transitioned, and
// `kubectl describe` must not show the pod as pending for less time than
// it has been.
func TestNewFailureReasonPatchesAgainButKeepsTheTransitionTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCluster(node("node-01", "2"), node("node-02", "2"), pod("p", "3"))
		c.start(t)
		first := podScheduledCondition(t, c.getPod(t, "p"))
		require.Equal(t, tooBigForTwoNodes, first.Message)

		time.Sleep(time.Minute)
		c.create(t, node("node-03", "2"))
		settle()

		require.Equal(t, 2, len(c.statusPatches()), "a failure with a new message must patch the condition again")
		second := podScheduledCondition(t, c.getPod(t, "p"))
		assert.Equal(t, "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.", second.Message)
		assert.Equal(t, first.LastTransitionTime.UTC(), second.LastTransitionTime.UTC(),
			"PodScheduled stayed False, yet its lastTransitionTime moved from %v to %v", first.LastTransitionTime, second.LastTransitionTime)
	})
}
