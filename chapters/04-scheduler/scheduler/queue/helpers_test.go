package queue

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	testingclock "k8s.io/utils/clock/testing"
)

// t0 is when every fake clock starts.
var t0 = time.Date(2026, time.March, 1, 12, 0, 0, 0, time.UTC)

// newTestQueue returns an empty queue on a fake clock that only moves when
// the test steps it.
func newTestQueue() (*PriorityQueue, *testingclock.FakeClock) {
	clk := testingclock.NewFakeClock(t0)
	return New(clk), clk
}

// newPod returns an unbound pod named name in namespace "default".
func newPod(name string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name, UID: types.UID(name + "-uid")},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: "nginx:1.27.0"}}},
	}
}

// withPriority returns a copy of pod with spec.priority set.
func withPriority(pod *corev1.Pod, priority int32) *corev1.Pod {
	pod = pod.DeepCopy()
	pod.Spec.Priority = &priority
	return pod
}

// withToleration returns a copy of pod tolerating key: a spec change, the
// kind of update that can make a pod fit.
func withToleration(pod *corev1.Pod, key string) *corev1.Pod {
	pod = pod.DeepCopy()
	pod.Spec.Tolerations = append(pod.Spec.Tolerations, corev1.Toleration{Key: key, Operator: corev1.TolerationOpExists})
	return pod
}

// withUnschedulableCondition returns a copy of pod with the PodScheduled
// condition the scheduler writes after a failure: a status-only change.
func withUnschedulableCondition(pod *corev1.Pod) *corev1.Pod {
	pod = pod.DeepCopy()
	pod.Status.Conditions = append(pod.Status.Conditions, corev1.PodCondition{
		Type: corev1.PodScheduled, Status: corev1.ConditionFalse, Reason: corev1.PodReasonUnschedulable,
	})
	return pod
}

// popNow pops a pod that must be in activeQ already: it fails the test
// instead of blocking for ever.
func popNow(t *testing.T, q *PriorityQueue) *QueuedPodInfo {
	t.Helper()
	active, backoff, unschedulable, _ := q.Counts()
	require.NotZero(t, active, "expected a pod ready to pop in activeQ, but activeQ is empty (backoffQ %d, unschedulable %d)", backoff, unschedulable)
	p, err := q.Pop()
	require.NoError(t, err)
	return p
}

// Where a pod can be, as whereIs reports it.
const (
	inActive        = "activeQ"
	inBackoff       = "backoffQ"
	inUnschedulable = "unschedulable"
	inFlight        = "in flight"
	absent          = "nowhere (not queued)"
)

// whereIs says which part of q holds pod.
func whereIs(q *PriorityQueue, pod *corev1.Pod) string {
	q.mu.Lock()
	defer q.mu.Unlock()
	key := keyOf(pod)
	if _, ok := q.active.get(key); ok {
		return inActive
	}
	if _, ok := q.backoff.get(key); ok {
		return inBackoff
	}
	if _, ok := q.unschedulable[key]; ok {
		return inUnschedulable
	}
	if _, ok := q.inFlight[key]; ok {
		return inFlight
	}
	return absent
}

// failOnce pops pod (which must be ready) and hands it back as
// unschedulable (it fits on no node) or for backoff (another error).
func failOnce(t *testing.T, q *PriorityQueue, unschedulable bool) *QueuedPodInfo {
	t.Helper()
	p := popNow(t, q)
	if unschedulable {
		q.AddUnschedulable(p)
	} else {
		q.AddBackoff(p)
	}
	return p
}
