package cache

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/utils/clock"
)

// TestAssumedPodCountsInTheNextSnapshot proves the point of assuming: a
// pod assumed onto a node counts there before its bind is confirmed, so
// the next pod is judged against 3 of 4 CPUs taken, not an empty node.
func TestAssumedPodCountsInTheNextSnapshot(t *testing.T) {
	c, _ := newTestCache()
	c.AddNode(newNode("node-1", "4"))
	require.NoError(t, c.AssumePod(newPod("web", "node-1", "3")))
	got := requestedOn(t, snapshotOf(c), "node-1")
	assert.Equal(t, int64(3000), got, "a pod asking 3 CPUs was assumed onto node-1, but the next snapshot counts %dm there", got)
	assert.True(t, c.IsAssumedPod(newPod("web", "node-1", "3")))
}

// TestAssumingAPodTwiceFails proves a pod is counted at most once: a
// second assume (of a pod assumed or bound already) is refused.
func TestAssumingAPodTwiceFails(t *testing.T) {
	c, _ := newTestCache()
	c.AddNode(newNode("node-1", "4"))
	pod := newPod("web", "node-1", "1")
	require.NoError(t, c.AssumePod(pod))
	assert.Error(t, c.AssumePod(pod), "assuming the same pod twice should fail")
	assert.Equal(t, int64(1000), requestedOn(t, snapshotOf(c), "node-1"), "a pod assumed twice is counted twice")
}

// TestForgetPodTakesTheAssumedPodOff proves that a failed bind leaks
// nothing: after ForgetPod the node's 3 CPUs are free again in the next
// snapshot, and the pod can be assumed again on its retry.
func TestForgetPodTakesTheAssumedPodOff(t *testing.T) {
	c, _ := newTestCache()
	c.AddNode(newNode("node-1", "4"))
	pod := newPod("web", "node-1", "3")
	require.NoError(t, c.AssumePod(pod))
	s := snapshotOf(c)
	require.NoError(t, c.ForgetPod(pod))
	c.UpdateSnapshot(s)
	got := requestedOn(t, s, "node-1")
	assert.Zero(t, got, "a forgotten pod still holds %dm cpu on node-1", got)
	assert.False(t, c.HasPod(pod), "a forgotten pod is still in the cache")
	assert.NoError(t, c.AssumePod(pod), "a forgotten pod cannot be assumed again for its retry")
}

// TestForgetPodRefusesWhatWasNotAssumed proves ForgetPod only undoes an
// assumption: it cannot take off a pod the apiserver confirmed, nor one
// assumed on another node than the caller says.
func TestForgetPodRefusesWhatWasNotAssumed(t *testing.T) {
	cases := []struct {
		name  string
		setup func(c *Cache)
	}{
		{"never seen", func(c *Cache) {}},
		{"confirmed by the informer", func(c *Cache) { c.AddPod(newPod("web", "node-1", "1")) }},
		{"assumed on another node", func(c *Cache) { _ = c.AssumePod(newPod("web", "node-2", "1")) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := newTestCache()
			c.AddNode(newNode("node-1", "4"))
			c.AddNode(newNode("node-2", "4"))
			tc.setup(c)
			before := view(snapshotOf(c))
			assert.Error(t, c.ForgetPod(newPod("web", "node-1", "1")), "ForgetPod of a pod %s should fail", tc.name)
			assert.Equal(t, before, view(snapshotOf(c)), "a refused ForgetPod changed what the nodes hold")
		})
	}
}

// TestAssumedPodExpiresOnlyAfterBindingFinished proves the TTL rule: an
// assumed pod is dropped 15 minutes after its binding finished if the
// informer never confirmed it, but never while its bind is still running
// (a slow apiserver must not make the scheduler forget a pod it placed).
func TestAssumedPodExpiresOnlyAfterBindingFinished(t *testing.T) {
	cases := []struct {
		name          string
		finishBinding bool
		wait          time.Duration
		wantKept      bool
	}{
		{"binding not finished after an hour", false, time.Hour, true},
		{"binding finished, 1s before the TTL", true, DefaultAssumedPodTTL - time.Second, true},
		{"binding finished, TTL over", true, DefaultAssumedPodTTL, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, clk := newTestCache()
			c.AddNode(newNode("node-1", "4"))
			pod := newPod("web", "node-1", "3")
			require.NoError(t, c.AssumePod(pod))
			if tc.finishBinding {
				c.FinishBinding(pod)
			}
			clk.Step(tc.wait)
			c.CleanupExpiredAssumedPods()
			assert.Equal(t, tc.wantKept, c.HasPod(pod), "assumed pod kept (%s)", tc.name)
			wantCPU := int64(0)
			if tc.wantKept {
				wantCPU = 3000
			}
			assert.Equal(t, wantCPU, requestedOn(t, snapshotOf(c), "node-1"), "cpu counted on node-1 (%s)", tc.name)
		})
	}
}

// TestConfirmedPodNeverExpires proves that the informer's Add ends the
// assumption: a pod the apiserver reports bound stays counted long after
// the TTL, also when the informer was quicker than the bind call's return
// (the confirmation comes before FinishBinding, which must then not start
// an expiry).
func TestConfirmedPodNeverExpires(t *testing.T) {
	cases := []struct {
		name  string
		order func(c *Cache, pod *corev1.Pod)
	}{
		{"confirmed after FinishBinding", func(c *Cache, pod *corev1.Pod) { c.FinishBinding(pod); c.AddPod(pod) }},
		{"confirmed before FinishBinding", func(c *Cache, pod *corev1.Pod) { c.AddPod(pod); c.FinishBinding(pod) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, clk := newTestCache()
			c.AddNode(newNode("node-1", "4"))
			pod := newPod("web", "node-1", "3")
			require.NoError(t, c.AssumePod(pod))
			tc.order(c, pod)
			assert.False(t, c.IsAssumedPod(pod), "a pod the informer reported bound is still assumed")
			clk.Step(2 * DefaultAssumedPodTTL)
			c.CleanupExpiredAssumedPods()
			assert.True(t, c.HasPod(pod), "a confirmed pod expired like an assumed one (%s)", tc.name)
			assert.Equal(t, int64(3000), requestedOn(t, snapshotOf(c), "node-1"))
		})
	}
}

// TestInformerAddCountsAPodOnce proves "confirmed once": the informer's
// Add of an assumed pod, or a relist replaying the Add of a bound pod,
// leaves it counted once (3 CPUs, not 6), so the node does not look full.
func TestInformerAddCountsAPodOnce(t *testing.T) {
	cases := []struct {
		name  string
		first func(c *Cache)
	}{
		{"confirming an assumed pod", func(c *Cache) { _ = c.AssumePod(newPod("web", "node-1", "3")) }},
		{"a relist replaying a bound pod", func(c *Cache) { c.AddPod(newPod("web", "node-1", "3")) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := newTestCache()
			c.AddNode(newNode("node-1", "4"))
			tc.first(c)
			c.AddPod(newPod("web", "node-1", "3"))
			got := view(snapshotOf(c))["node-1"]
			assert.Equal(t, nodeView{4000, 3000, []string{"web"}}, got, "after %s, node-1 holds %v; want the 3-CPU pod once", tc.name, got)
		})
	}
}

// TestConfirmationOnAnotherNodeMovesThePod proves the apiserver has the
// last word: a pod assumed on node-1 but reported bound to node-2 leaves
// node-1 and counts on node-2.
func TestConfirmationOnAnotherNodeMovesThePod(t *testing.T) {
	c, _ := newTestCache()
	c.AddNode(newNode("node-1", "4"))
	c.AddNode(newNode("node-2", "4"))
	pod := newPod("web", "node-1", "3")
	require.NoError(t, c.AssumePod(pod))
	c.AddPod(onNode(pod, "node-2"))
	s := snapshotOf(c)
	assert.Zero(t, requestedOn(t, s, "node-1"), "the pod bound to node-2 still counts on node-1, where it was assumed")
	assert.Equal(t, int64(3000), requestedOn(t, s, "node-2"), "the pod bound to node-2 does not count there")
	assert.False(t, c.IsAssumedPod(pod))
}

// TestUpdatePodReplacesItsRequests proves that a bound pod's update
// (an in-place resize from 1 to 2 CPUs) replaces what it counts.
func TestUpdatePodReplacesItsRequests(t *testing.T) {
	c, _ := newTestCache()
	c.AddNode(newNode("node-1", "4"))
	old := newPod("web", "node-1", "1")
	c.AddPod(old)
	c.UpdatePod(old, newPod("web", "node-1", "2"))
	got := requestedOn(t, snapshotOf(c), "node-1")
	assert.Equal(t, int64(2000), got, "a pod updated from 1 to 2 CPUs counts %dm", got)
}

// TestRemovePodFreesItsNode proves a deleted pod's resources come back,
// whether it was confirmed or still assumed (deleted before the informer
// saw its bind), and that it does not stay assumed.
func TestRemovePodFreesItsNode(t *testing.T) {
	cases := []struct {
		name string
		add  func(c *Cache)
	}{
		{"confirmed", func(c *Cache) { c.AddPod(newPod("web", "node-1", "3")) }},
		{"assumed", func(c *Cache) { _ = c.AssumePod(newPod("web", "node-1", "3")) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := newTestCache()
			c.AddNode(newNode("node-1", "4"))
			tc.add(c)
			s := snapshotOf(c)
			pod := newPod("web", "node-1", "3")
			c.RemovePod(pod)
			c.UpdateSnapshot(s)
			assert.Zero(t, requestedOn(t, s, "node-1"), "a deleted %s pod still holds cpu on node-1", tc.name)
			assert.False(t, c.HasPod(pod))
			assert.False(t, c.IsAssumedPod(pod))
		})
	}
}

// TestRunExpiresAssumedPods proves that Run's own timer does the cleanup:
// an assumed pod whose binding finished is gone soon after 15 minutes.
func TestRunExpiresAssumedPods(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := New(DefaultAssumedPodTTL, clock.RealClock{}, quiet)
		c.AddNode(newNode("node-1", "4"))
		pod := newPod("web", "node-1", "3")
		require.NoError(t, c.AssumePod(pod))
		c.FinishBinding(pod)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go c.Run(ctx)
		time.Sleep(DefaultAssumedPodTTL - time.Second)
		synctest.Wait()
		require.True(t, c.HasPod(pod), "Run expired an assumed pod before its 15-minute TTL")
		time.Sleep(time.Second + cleanupPeriod)
		synctest.Wait()
		assert.False(t, c.HasPod(pod), "Run did not expire an assumed pod within a second of its TTL")
		cancel()
	})
}
