package scheduler

import (
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/queue"
)

// firstBindRefused starts a scheduler over node-01 (2 CPUs) and pod p
// asking 2 CPUs, with the first bind refused with refusal, and returns as
// soon as that bind has been answered and handled, before any backoff.
func firstBindRefused(t *testing.T, refusal error) (*cluster, *Scheduler) {
	t.Helper()
	c := newCluster(node("node-01", "2"), pod("p", "2"))
	c.refuseBinds(refusal)
	s, _ := c.run(t)
	waitUntil(t, 2*time.Second, func() bool { return len(c.bindCallsFor("p")) > 0 }, "the scheduler never tried to bind pod p")
	return c, s
}

// assertNodeFree checks the scheduler's cache holds nothing on node-01: an
// assumed pod whose bind failed must not keep its CPUs.
func assertNodeFree(t *testing.T, s *Scheduler) {
	t.Helper()
	n := cachedNode(t, s, "node-01")
	assert.Empty(t, n.Pods, "after its bind was refused, the assumed pod is still counted on node-01")
	assert.Zero(t, n.Requested.MilliCPU, "after the bind was refused, node-01 still has %dm CPU requested in the cache: the assumed pod was not forgotten", n.Requested.MilliCPU)
}

// TestBindConflictForgetsThePodAndDoesNotRetry proves what a 409 Conflict
// on pods/binding means to the scheduler: the pod is bound already (by an
// earlier run of the scheduler, or another one). The assumed pod is
// forgotten, so node-01's 2 CPUs are free again, and the bind is never
// tried again: 10 minutes later there is still one bind call.
func TestBindConflictForgetsThePodAndDoesNotRetry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		conflict := apierrors.NewConflict(schema.GroupResource{Resource: "pods/binding"}, "p", errors.New("pod p is already assigned to node \"node-02\""))
		c, s := firstBindRefused(t, conflict)
		assertNodeFree(t, s)
		assert.False(t, s.cache.HasPod(c.getPod(t, "p")), "the cache still holds pod p after a 409 on its bind")

		time.Sleep(10 * time.Minute)
		synctest.Wait()
		assert.Len(t, c.bindCallsFor("p"), 1, "a pod whose bind answered 409 Conflict is bound already and must not be bound again")
		active, backoff, unschedulable, inFlight := s.queue.Counts()
		assert.Zero(t, active+backoff+unschedulable+inFlight, "a pod bound elsewhere must leave the queue (active %d, backoff %d, unschedulable %d, in flight %d)", active, backoff, unschedulable, inFlight)
	})
}

// TestRefusedBindIsForgottenAndRetriedAfterTheBackoff proves that a bind
// refused for another reason (the pod not found by a lagging apiserver, a
// 500) is not the end: the pod is forgotten at once, the refusal is told
// as kube-scheduler v1.37 tells it (a FailedScheduling event and
// PodScheduled=False with reason SchedulerError, message `running Bind
// plugin "DefaultBinder": ...`), and the pod is bound on a second try that
// comes after its 1s backoff, not before.
func TestRefusedBindIsForgottenAndRetriedAfterTheBackoff(t *testing.T) {
	cases := []struct {
		name    string
		refusal error
		message string
	}{
		{"404 Not Found", apierrors.NewNotFound(schema.GroupResource{Resource: "pods"}, "p"),
			`running Bind plugin "DefaultBinder": pods "p" not found`},
		{"500 Internal Server Error", apierrors.NewInternalError(errors.New("etcd is down")),
			`running Bind plugin "DefaultBinder": Internal error occurred: etcd is down`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c, s := firstBindRefused(t, tc.refusal)
				assertNodeFree(t, s)
				assert.Len(t, c.bindCallsFor("p"), 1, "the pod was bound again before its backoff was over")
				assert.Equal(t, []string{"Warning FailedScheduling " + tc.message}, c.recordedEvents())
				cond := podScheduledCondition(t, c.getPod(t, "p"))
				assert.Equal(t, corev1.PodReasonSchedulerError, cond.Reason, "a refused bind is the scheduler's error, not the pod's: reason must be SchedulerError")
				assert.Equal(t, tc.message, cond.Message)

				time.Sleep(3 * time.Second)
				synctest.Wait()
				binds := c.bindCallsFor("p")
				require.Len(t, binds, 2, "the pod whose bind was refused with %s was not retried within 3s", tc.name)
				gap := binds[1].at.Sub(binds[0].at)
				assert.GreaterOrEqual(t, gap, queue.InitialBackoff, "the bind was retried %v after the refusal, before the %v backoff was over", gap, queue.InitialBackoff)
				assert.Equal(t, "node-01", c.nodeOf(t, "p"), "the retried bind must place the pod")
				assert.Contains(t, c.recordedEvents(), "Normal Scheduled Successfully assigned default/p to node-01")
			})
		})
	}
}

// TestRefusedBindFreesTheNodeForThePodsWaitingOnIt proves that forgetting
// an assumed pod wakes the pods it kept out, as a placed pod's deletion
// does: two pods of 2 CPUs, one node of 2. One is assumed there and its
// bind held in flight; the other fails (the node is full) and waits. When
// the bind is refused with 409, node-01 is free again and the waiting pod
// must be bound within 2 seconds, not after the 5-minute safety flush.
func TestRefusedBindFreesTheNodeForThePodsWaitingOnIt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCluster(node("node-01", "2"), pod("x", "2"), pod("y", "2"))
		c.bindGate = make(chan struct{})
		c.refuseBinds(apierrors.NewConflict(schema.GroupResource{Resource: "pods/binding"}, "x", errors.New("already assigned")))
		c.start(t)
		require.Len(t, c.recordedEvents(), 1, "with one pod assumed on node-01, the other must fail once (node-01 is full)")

		released := time.Now()
		close(c.bindGate)
		settle()

		binds := c.bindCalls()
		require.Len(t, binds, 2, "after the assumed pod's bind was refused, the pod waiting for its room was not bound within 1s")
		refused, waiting := binds[0], binds[1]
		assert.NotEqual(t, refused.pod, waiting.pod, "the refused pod was bound again: a 409 means it is bound already")
		assert.NoError(t, waiting.err)
		assert.Equal(t, "node-01", c.nodeOf(t, waiting.pod))
		assert.Less(t, waiting.at.Sub(released), 2*time.Second,
			"the waiting pod was bound %v after the refusal freed node-01: forgetting the assumed pod did not move the waiting pods", waiting.at.Sub(released))
	})
}
