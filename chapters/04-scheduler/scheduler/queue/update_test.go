package queue

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
)

// putIn brings pod into the named part of q: popped once and failed, or
// popped and not yet back.
func putIn(t *testing.T, q *PriorityQueue, pod *corev1.Pod, where string) *QueuedPodInfo {
	t.Helper()
	q.Add(pod)
	switch where {
	case inActive:
		return nil
	case inBackoff:
		return failOnce(t, q, false)
	case inUnschedulable:
		return failOnce(t, q, true)
	case inFlight:
		return popNow(t, q)
	}
	t.Fatalf("putIn: unknown place %q", where)
	return nil
}

// TestUpdateOfAWaitingPodReplacesItInPlace proves "newest spec, one
// place": an update of a pod in activeQ or backoffQ keeps it where it is
// (an update is no reason to skip a backoff), and the next attempt sees
// the new spec rather than the one the pod was queued with.
func TestUpdateOfAWaitingPodReplacesItInPlace(t *testing.T) {
	for _, where := range []string{inActive, inBackoff} {
		t.Run(where, func(t *testing.T) {
			q, clk := newTestQueue()
			pod := newPod("web")
			putIn(t, q, pod, where)
			q.Update(withToleration(pod, "gpu"))
			require.Equal(t, where, whereIs(q, pod), "an update moved a pod out of %s", where)
			active, backoff, _, _ := q.Counts()
			require.Equal(t, 1, active+backoff, "an update of a queued pod should replace it, not queue it twice")
			clk.Step(MaxBackoff)
			q.FlushBackoffQCompleted()
			p := popNow(t, q)
			assert.Len(t, p.Pod.Spec.Tolerations, 1, "the pod was popped with its old spec; the update was lost")
		})
	}
}

// TestRaisingPriorityMovesPodAhead proves that activeQ reorders on update:
// a pod whose priority is raised to 1000 is popped before older pods of
// priority 0.
func TestRaisingPriorityMovesPodAhead(t *testing.T) {
	q, clk := newTestQueue()
	for _, name := range []string{"a", "b", "c"} {
		q.Add(newPod(name))
		clk.Step(time.Second)
	}
	q.Update(withPriority(newPod("c"), 1000))
	assert.Equal(t, "c", popNow(t, q).Pod.Name, "a pod raised to priority 1000 should be popped before the priority-0 pods")
}

// TestUpdateOfUnschedulablePod proves which updates wake a pod that fits
// nowhere: a change of its spec or labels may be what it needed, so it
// leaves unschedulable (to backoffQ, its 1 s backoff still running);
// a status-only change (the scheduler's own PodScheduled condition) must
// not, or each failure would trigger the next attempt.
func TestUpdateOfUnschedulablePod(t *testing.T) {
	labelled := newPod("big")
	labelled.Labels = map[string]string{"tier": "batch"}
	cases := []struct {
		name   string
		update *corev1.Pod
		want   string
	}{
		{"toleration added", withToleration(newPod("big"), "gpu"), inBackoff},
		{"label added", labelled, inBackoff},
		{"status condition written", withUnschedulableCondition(newPod("big")), inUnschedulable},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q, _ := newTestQueue()
			pod := newPod("big")
			putIn(t, q, pod, inUnschedulable)
			q.Update(c.update)
			assert.Equal(t, c.want, whereIs(q, pod), "after an update (%s) of an unschedulable pod", c.name)
		})
	}
}

// TestDeleteForgetsThePodWherever proves that a deleted pod (or one bound
// by someone else) is never scheduled: it leaves whichever part holds it,
// and when it was in flight, the failure of its attempt does not bring it
// back.
func TestDeleteForgetsThePodWherever(t *testing.T) {
	for _, where := range []string{inActive, inBackoff, inUnschedulable, inFlight} {
		t.Run(where, func(t *testing.T) {
			q, _ := newTestQueue()
			pod := newPod("web")
			p := putIn(t, q, pod, where)
			q.Delete(pod)
			require.Equal(t, absent, whereIs(q, pod), "a pod deleted while in %s is still queued", where)
			if where == inFlight {
				q.AddUnschedulable(p)
				assert.Equal(t, absent, whereIs(q, pod), "a pod deleted during its attempt came back when the attempt failed")
				q.AddBackoff(p)
				assert.Equal(t, absent, whereIs(q, pod), "a pod deleted during its attempt came back when the attempt failed")
			}
		})
	}
}

// TestAddOfAnInFlightPodDoesNotQueueItTwice proves "one place per pod": an
// informer that relists replays Add for a pod being scheduled, which must
// not put a second copy in activeQ (the pod would be bound twice).
func TestAddOfAnInFlightPodDoesNotQueueItTwice(t *testing.T) {
	q, _ := newTestQueue()
	pod := newPod("web")
	putIn(t, q, pod, inFlight)
	q.Add(pod)
	active, _, _, inFlight := q.Counts()
	assert.Equal(t, 0, active, "a pod being scheduled was queued again in activeQ by a replayed Add")
	assert.Equal(t, 1, inFlight)
}

// TestUpdateDuringAttemptLeavesThePoppedPodAlone proves that the scheduler
// judges and binds the pod it popped: an update arriving meanwhile (from
// the informer's goroutine) must not change the popped QueuedPodInfo under
// the scheduling or binding goroutine, which read it without the queue's
// lock. The update is not lost either: the retry sees it.
func TestUpdateDuringAttemptLeavesThePoppedPodAlone(t *testing.T) {
	q, clk := newTestQueue()
	pod := newPod("web")
	p := putIn(t, q, pod, inFlight)
	popped := p.Pod
	q.Update(withToleration(pod, "gpu"))
	require.True(t, p.Pod == popped, "an update replaced the pod the scheduler popped while it was being scheduled")
	q.AddBackoff(p)
	clk.Step(InitialBackoff)
	q.FlushBackoffQCompleted()
	retry := popNow(t, q)
	assert.Len(t, retry.Pod.Spec.Tolerations, 1, "the retry did not see the update that came during the failed attempt")
	assert.Equal(t, 2, retry.Attempts, "the retry should count both attempts")
}
