package queue

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestActiveQPopsHigherPriorityFirstThenOlder proves the order pods are
// tried in: a priority-1000 pod created last still goes before the
// priority-0 pods, and among equal priorities the pod that waited longest
// goes first, so no pod of equal rank is starved.
func TestActiveQPopsHigherPriorityFirstThenOlder(t *testing.T) {
	q, clk := newTestQueue()
	for _, pod := range []struct {
		name     string
		priority int32
	}{{"low-old", 0}, {"mid", 10}, {"low-new", 0}, {"high", 1000}} {
		q.Add(withPriority(newPod(pod.name), pod.priority))
		clk.Step(time.Second)
	}
	var order []string
	for range 4 {
		order = append(order, popNow(t, q).Pod.Name)
	}
	assert.Equal(t, []string{"high", "mid", "low-old", "low-new"}, order, "pods should be popped by priority, then oldest first")
}

// TestFailedPodIsNotRetriedBeforeItsBackoff proves each failed attempt's
// wait: the pod stays in backoffQ until 1 ms before its backoff ends
// (1s, 2s, 4s, 8s, then 10s, never more) and is ready exactly when it
// ends. A pod retried sooner turns a failing bind into a hot loop.
func TestFailedPodIsNotRetriedBeforeItsBackoff(t *testing.T) {
	q, clk := newTestQueue()
	pod := newPod("web")
	q.Add(pod)
	for failures, wait := range []time.Duration{1 * time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 10 * time.Second, 10 * time.Second} {
		failOnce(t, q, false)
		clk.Step(wait - time.Millisecond)
		q.FlushBackoffQCompleted()
		require.Equal(t, inBackoff, whereIs(q, pod), "after failure %d the pod was ready before its backoff of %v ended", failures+1, wait)
		clk.Step(time.Millisecond)
		q.FlushBackoffQCompleted()
		require.Equal(t, inActive, whereIs(q, pod), "after failure %d the pod was not ready when its backoff of %v ended", failures+1, wait)
	}
}

// TestUnschedulablePodWaitsForAnEventOrFiveMinutes proves there is no hot
// loop: a pod that fits nowhere is not retried while nothing changes, even
// though both flushes run every second for 5 minutes, and is retried at
// the 5-minute mark in case an event was missed.
func TestUnschedulablePodWaitsForAnEventOrFiveMinutes(t *testing.T) {
	q, clk := newTestQueue()
	pod := newPod("big")
	q.Add(pod)
	failOnce(t, q, true)
	for elapsed := time.Second; elapsed < MaxInUnschedulable; elapsed += time.Second {
		clk.Step(time.Second)
		q.FlushBackoffQCompleted()
		q.FlushUnschedulableLeftover()
		require.Equal(t, inUnschedulable, whereIs(q, pod), "a pod that fits nowhere left unschedulable after %v with no cluster event; it should wait for an event or 5 minutes", elapsed)
	}
	clk.Step(time.Second)
	q.FlushUnschedulableLeftover()
	assert.Equal(t, inActive, whereIs(q, pod), "a pod unschedulable for 5 minutes should be retried anyway")
}

// TestClusterEventMovesUnschedulablePod proves that an event that may make
// a pod fit (a node added or changed, a placed pod deleted) ends the wait
// in unschedulable, but not the backoff: within its 1 s backoff the pod
// goes to backoffQ, after it straight to activeQ. Otherwise a burst of node
// updates would retry the pod once per update.
func TestClusterEventMovesUnschedulablePod(t *testing.T) {
	cases := []struct {
		name      string
		event     string
		afterFail time.Duration
		wantWhere string
		wantReady time.Duration // further wait until it is in activeQ
	}{
		{"node added within the backoff", "NodeAdd", 300 * time.Millisecond, inBackoff, 700 * time.Millisecond},
		{"node updated within the backoff", "NodeUpdate", 999 * time.Millisecond, inBackoff, time.Millisecond},
		{"node added after the backoff", "NodeAdd", 2 * time.Second, inActive, 0},
		{"placed pod deleted after the backoff", "AssignedPodDelete", time.Minute, inActive, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q, clk := newTestQueue()
			pod := newPod("big")
			q.Add(pod)
			failOnce(t, q, true)
			clk.Step(c.afterFail)
			q.MoveAllToActiveOrBackoffQueue(c.event)
			require.Equal(t, c.wantWhere, whereIs(q, pod), "after a %s event %v after the failure", c.event, c.afterFail)
			if c.wantReady > 0 {
				clk.Step(c.wantReady - time.Nanosecond)
				q.FlushBackoffQCompleted()
				require.Equal(t, inBackoff, whereIs(q, pod), "the event cut the pod's backoff short")
				clk.Step(time.Nanosecond)
				q.FlushBackoffQCompleted()
				require.Equal(t, inActive, whereIs(q, pod), "the pod was not ready when its backoff ended")
			}
		})
	}
}

// TestEventDuringSchedulingSendsFailureToBackoff proves no event is lost:
// a pod is judged on the cluster as it was when the attempt began, so if
// the cluster (or the pod's spec) changed during the attempt, its failure
// goes to backoffQ to be retried on the new state, instead of sleeping in
// unschedulable for up to 5 minutes. Changes that cannot help (a status
// update, an event before the pod was popped) must not do this.
func TestEventDuringSchedulingSendsFailureToBackoff(t *testing.T) {
	pod := newPod("big")
	cases := []struct {
		name          string
		beforePop     func(q *PriorityQueue)
		whileInFlight func(q *PriorityQueue)
		want          string
	}{
		{"nothing happens", nil, nil, inUnschedulable},
		{"node added", nil, func(q *PriorityQueue) { q.MoveAllToActiveOrBackoffQueue("NodeAdd") }, inBackoff},
		{"placed pod deleted", nil, func(q *PriorityQueue) { q.MoveAllToActiveOrBackoffQueue("AssignedPodDelete") }, inBackoff},
		{"pod's spec updated", nil, func(q *PriorityQueue) { q.Update(withToleration(pod, "gpu")) }, inBackoff},
		{"pod's status updated", nil, func(q *PriorityQueue) { q.Update(withUnschedulableCondition(pod)) }, inUnschedulable},
		{"node added before the pod was popped", func(q *PriorityQueue) { q.MoveAllToActiveOrBackoffQueue("NodeAdd") }, nil, inUnschedulable},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q, _ := newTestQueue()
			q.Add(pod)
			if c.beforePop != nil {
				c.beforePop(q)
			}
			p := popNow(t, q)
			if c.whileInFlight != nil {
				c.whileInFlight(q)
			}
			q.AddUnschedulable(p)
			assert.Equal(t, c.want, whereIs(q, pod), "a pod that fit nowhere went to the wrong place when %s during its attempt", c.name)
		})
	}
}

// TestInFlightEventCountsForOneAttemptOnly proves the in-flight mark
// belongs to the attempt: once a pod's attempt is over, a later attempt
// that fails with no event in between goes to unschedulable again.
func TestInFlightEventCountsForOneAttemptOnly(t *testing.T) {
	q, clk := newTestQueue()
	pod := newPod("big")
	q.Add(pod)
	p := popNow(t, q)
	q.MoveAllToActiveOrBackoffQueue("NodeAdd")
	q.AddUnschedulable(p)
	require.Equal(t, inBackoff, whereIs(q, pod), "a node added during the attempt should send its failure to backoffQ")
	clk.Step(time.Second)
	q.FlushBackoffQCompleted()
	failOnce(t, q, true)
	assert.Equal(t, inUnschedulable, whereIs(q, pod), "an event during an earlier attempt kept the pod out of unschedulable on the next one")
}

// TestDoneTakesPodOutOfTheQueue proves that a bound pod leaves the queue
// for good: an event afterwards does not bring it back for a second bind.
func TestDoneTakesPodOutOfTheQueue(t *testing.T) {
	q, _ := newTestQueue()
	pod := newPod("web")
	q.Add(pod)
	popNow(t, q)
	q.Done(pod)
	q.MoveAllToActiveOrBackoffQueue("NodeAdd")
	active, backoff, unschedulable, inFlight := q.Counts()
	assert.Equal(t, [4]int{0, 0, 0, 0}, [4]int{active, backoff, unschedulable, inFlight}, "a bound pod is still in the queue (active, backoff, unschedulable, in flight)")
}
