package queue

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestQueueUnderConcurrentSchedulerAndInformer runs the scheduler's side
// (Pop, read the pod as a cycle does, fail it) against the informer's side
// (updates, cluster events) and the flushes, all at once. Under -race it
// proves that the queue is safe for concurrent use, including for the
// popped QueuedPodInfo the scheduling goroutine reads without the lock;
// afterwards every pod is in exactly one place.
func TestQueueUnderConcurrentSchedulerAndInformer(t *testing.T) {
	q, clk := newTestQueue()
	const pods = 2
	for i := range pods {
		q.Add(newPod(fmt.Sprintf("pod-%d", i)))
	}
	var wg sync.WaitGroup
	wg.Go(func() { // the scheduling loop
		for attempt := range 1000 {
			p, err := q.Pop()
			if err != nil {
				return
			}
			_ = p.Pod.DeepCopy() // a cycle reading the pod
			if attempt%2 == 0 {
				q.AddUnschedulable(p)
			} else {
				q.AddBackoff(p)
			}
		}
	})
	wg.Go(func() { // the informer and the flush loop
		for i := range 2000 {
			pod := newPod(fmt.Sprintf("pod-%d", i%pods))
			q.Update(withToleration(pod, fmt.Sprint(i)))
			if i%10 == 0 {
				q.MoveAllToActiveOrBackoffQueue("NodeAdd")
			}
			clk.Step(MaxBackoff)
			q.FlushBackoffQCompleted()
			q.FlushUnschedulableLeftover()
		}
		q.Close()
	})
	wg.Wait()
	active, backoff, unschedulable, inFlight := q.Counts()
	assert.Equal(t, pods, active+backoff+unschedulable+inFlight,
		"after concurrent use the queue holds %d pods (active %d, backoff %d, unschedulable %d, in flight %d); want each of the %d once",
		active+backoff+unschedulable+inFlight, active, backoff, unschedulable, inFlight, pods)
}
