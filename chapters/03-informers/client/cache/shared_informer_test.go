package cache

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/utils/clock"
	testingclock "k8s.io/utils/clock/testing"

	"github.com/kubeling/kubeling/solutions/client/cache/cachetest"
)

// startInformer runs an informer over srv until the test ends.
func startInformer(t *testing.T, srv *cachetest.Server, opts SharedInformerOptions, handlers ...ResourceEventHandler) *SharedIndexInformer {
	t.Helper()
	inf := newInformer(srv, opts)
	for _, h := range handlers {
		inf.AddEventHandler(h)
	}
	runInformer(t, inf)
	return inf
}

// newInformer returns a pods informer over srv, on a fake clock unless
// opts has one.
func newInformer(srv *cachetest.Server, opts SharedInformerOptions) *SharedIndexInformer {
	if opts.Clock == nil {
		opts.Clock = testingclock.NewFakeClock(time.Now())
	}
	opts.Logger = quiet
	return NewSharedIndexInformer(srv, &corev1.Pod{}, opts)
}

// runInformer runs inf until the test ends.
func runInformer(t *testing.T, inf *SharedIndexInformer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		inf.Run(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
}

func TestInformerTellsHandlersOfEveryChangeAfterTheCacheHasIt(t *testing.T) {
	srv := newPodServer()
	require.NoError(t, srv.Create(newPod("default", "a", "")))

	rec := &recorder{}
	// The informer exists before its handler can be called.
	inf := newInformer(srv, SharedInformerOptions{})
	var stale []string
	rec.check = func(line string, obj runtime.Object) {
		// The cache leads the handlers: it already holds the state a
		// handler is told about, or a newer one (which may be "deleted").
		cached, exists, _ := inf.GetIndexer().GetByKey(keyOf(obj))
		if !exists {
			return
		}
		have, _ := strconv.Atoi(rvOf(cached))
		told, _ := strconv.Atoi(rvOf(obj))
		if have < told || (strings.HasPrefix(line, "DELETE") && have == told) {
			stale = append(stale, line+": cache behind, at "+rvOf(cached))
		}
	}
	inf.AddEventHandler(rec)
	runInformer(t, inf)
	require.Eventually(t, inf.HasSynced, waitFor, tick)

	require.NoError(t, srv.Update(newPod("default", "a", "node-01")))
	require.NoError(t, srv.Create(newPod("default", "b", "")))
	require.NoError(t, srv.Delete(newPod("default", "a", "")))
	require.Eventually(t, func() bool { return rec.count() == 4 }, waitFor, tick)

	// Changes of one object arrive in order; a and b may interleave.
	assert.ElementsMatch(t, []string{"ADD default/a 2", "UPDATE default/a 2->3", "ADD default/b 4", "DELETE default/a 5"}, rec.lines())
	assert.Equal(t, []string{"ADD default/a 2", "UPDATE default/a 2->3", "DELETE default/a 5"}, slices.DeleteFunc(rec.lines(), func(l string) bool {
		return strings.Contains(l, "default/b")
	}))
	assert.Empty(t, stale)
	assert.Equal(t, []string{"default/b"}, inf.GetIndexer().ListKeys())
	assert.Equal(t, "5", inf.LastSyncResourceVersion())
}

func TestInformerSharesOneWatchAmongHandlers(t *testing.T) {
	srv := newPodServer()
	require.NoError(t, srv.Create(newPod("default", "a", "")))
	handlers := []*recorder{{}, {}, {}}
	inf := startInformer(t, srv, SharedInformerOptions{}, handlers[0], handlers[1], handlers[2])
	require.Eventually(t, inf.HasSynced, waitFor, tick)
	require.NoError(t, srv.Create(newPod("default", "b", "")))

	for _, h := range handlers {
		require.Eventually(t, func() bool { return h.count() == 2 }, waitFor, tick)
		assert.Equal(t, []string{"ADD default/a 2", "ADD default/b 3"}, h.lines())
	}
	assert.Len(t, srv.Lists(), 1, "one list for all handlers")
	assert.Len(t, srv.Watches(), 1, "one watch for all handlers")
}

func TestInformerSlowHandlerDoesNotDelayOthers(t *testing.T) {
	srv := newPodServer()
	release := make(chan struct{})
	slow := ResourceEventHandlerFuncs{AddFunc: func(runtime.Object, bool) { <-release }}
	fast := &recorder{}
	inf := startInformer(t, srv, SharedInformerOptions{}, slow, fast)
	defer close(release)
	require.Eventually(t, inf.HasSynced, waitFor, tick)

	for i := range 50 {
		require.NoError(t, srv.Create(newPod("default", fmt.Sprint(i), "")))
	}
	require.Eventually(t, func() bool { return fast.count() == 50 }, waitFor, tick, "a blocked handler held up another")
}

func TestHandlerAddedAfterStartGetsTheCacheAsAdds(t *testing.T) {
	srv := newPodServer()
	for _, name := range []string{"a", "b", "c"} {
		require.NoError(t, srv.Create(newPod("default", name, "")))
	}
	inf := startInformer(t, srv, SharedInformerOptions{})
	require.Eventually(t, inf.HasSynced, waitFor, tick)

	var mu sync.Mutex
	var initial, later []string
	late := ResourceEventHandlerFuncs{AddFunc: func(obj runtime.Object, isInInitialList bool) {
		mu.Lock()
		defer mu.Unlock()
		if isInInitialList {
			initial = append(initial, keyOf(obj))
		} else {
			later = append(later, keyOf(obj))
		}
	}}
	reg := inf.AddEventHandler(late)
	require.Eventually(t, reg.HasSynced, waitFor, tick)
	mu.Lock()
	assert.ElementsMatch(t, []string{"default/a", "default/b", "default/c"}, initial)
	mu.Unlock()

	require.NoError(t, srv.Create(newPod("default", "d", "")))
	require.Eventually(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(later) == 1
	}, waitFor, tick)
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []string{"default/d"}, later)
	assert.Len(t, initial, 3, "no object is replayed twice")
}

func TestRegistrationHasSyncedWaitsForTheHandler(t *testing.T) {
	srv := newPodServer()
	require.NoError(t, srv.Create(newPod("default", "a", "")))
	release := make(chan struct{})
	inf := NewSharedIndexInformer(srv, &corev1.Pod{}, SharedInformerOptions{Logger: quiet})
	reg := inf.AddEventHandler(ResourceEventHandlerFuncs{AddFunc: func(runtime.Object, bool) { <-release }})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go inf.Run(ctx)

	require.Eventually(t, inf.HasSynced, waitFor, tick)
	assert.False(t, reg.HasSynced(), "the handler has not handled the initial list yet")
	close(release)
	require.Eventually(t, reg.HasSynced, waitFor, tick)
}

func TestRemovedHandlerIsNotCalledAgain(t *testing.T) {
	srv := newPodServer()
	rec, other := &recorder{}, &recorder{}
	inf := startInformer(t, srv, SharedInformerOptions{})
	reg := inf.AddEventHandler(rec)
	inf.AddEventHandler(other)
	require.Eventually(t, inf.HasSynced, waitFor, tick)
	require.NoError(t, srv.Create(newPod("default", "a", "")))
	require.Eventually(t, func() bool { return rec.count() == 1 }, waitFor, tick)

	inf.RemoveEventHandler(reg)
	require.NoError(t, srv.Create(newPod("default", "b", "")))
	require.Eventually(t, func() bool { return other.count() == 2 }, waitFor, tick)
	assert.Equal(t, 1, rec.count())
}

// TestDeleteWhileTheWatchIsDownReachesHandlers is the case the informer
// exists for: a pod is deleted while the watch is down, and by the time it
// comes back the apiserver has compacted that history. The reflector
// relists; the handlers must still hear of the delete.
func TestDeleteWhileTheWatchIsDownReachesHandlers(t *testing.T) {
	srv := newPodServer()
	require.NoError(t, srv.Create(newPod("default", "a", "node-01")))
	require.NoError(t, srv.Create(newPod("default", "b", "")))
	clk := testingclock.NewFakeClock(time.Now())
	rec := &recorder{}
	inf := startInformer(t, srv, SharedInformerOptions{Clock: clk}, rec)
	require.Eventually(t, func() bool { return rec.count() == 2 }, waitFor, tick)

	srv.FailNextWatches(1)
	srv.CutWatches()
	require.Eventually(t, clk.HasWaiters, waitFor, tick, "the reflector should be backing off")
	require.NoError(t, srv.Delete(newPod("default", "a", "")))
	srv.Compact()

	require.Eventually(t, func() bool {
		clk.Step(time.Minute)
		return rec.count() == 4
	}, waitFor, tick)
	assert.ElementsMatch(t, []string{
		"DELETE default/a (final state unknown, last 2)",
		"UPDATE default/b 3->3", // in the new list; unchanged, but handlers hear of it as after any relist
	}, rec.lines()[2:])
	assert.Equal(t, []string{"default/b"}, inf.GetIndexer().ListKeys())
	assert.Len(t, srv.Lists(), 2)
}

// TestInformerCutWatchesLoseAndRepeatNothing is the reflector test one
// level up: under churn with repeated cuts, each handler sees each change
// of each object exactly once and ends with the server's state. It runs in
// a synctest bubble (fake time, see the reflector's test), so that "no
// duplicate arrives later" is checked when nothing more can happen.
func TestInformerCutWatchesLoseAndRepeatNothing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newPodServer()
		rec := &recorder{}
		inf := startInformer(t, srv, SharedInformerOptions{Clock: clock.RealClock{}}, rec) // the bubble's fake time
		synctest.Wait()
		require.True(t, inf.HasSynced())

		lines := churn(t, srv, 200, func(i int) {
			if i%5 == 0 {
				srv.CutWatches()
			}
		})
		// Let the last backoff pass, and everything settle.
		time.Sleep(maxBackoff)
		synctest.Wait()
		require.Len(t, rec.lines(), len(lines))

		// The reflector's lines are "Added|Modified|Deleted key rv"; a handler
		// sees the same changes as "ADD key rv", "UPDATE key old->rv",
		// "DELETE key rv". Changes of one object keep their order; changes of
		// different objects may interleave differently, so compare per object.
		want := map[string][]string{}
		for _, l := range lines {
			f := strings.Fields(l)
			verb := map[string]string{"Added": "ADD", "Modified": "UPDATE", "Deleted": "DELETE"}[f[0]]
			want[f[1]] = append(want[f[1]], verb+" "+f[2])
		}
		got := map[string][]string{}
		for _, l := range rec.lines() {
			f := strings.Fields(l)
			rv := f[2][strings.Index(f[2], ">")+1:] // "5->6" → "6"; "6" stays
			got[f[1]] = append(got[f[1]], f[0]+" "+rv)
		}
		assert.Equal(t, want, got, "each object's changes, each exactly once, in order")
		assert.Len(t, srv.Lists(), 1)
		for _, key := range inf.GetIndexer().ListKeys() {
			cached, _, _ := inf.GetIndexer().GetByKey(key)
			stored, ok := srv.Get(key)
			require.True(t, ok, "cache holds %s, which the server deleted", key)
			assert.Equal(t, rvOf(stored), rvOf(cached))
		}
	})
}

func TestResyncCallsUpdateForEveryObject(t *testing.T) {
	srv := newPodServer()
	require.NoError(t, srv.Create(newPod("default", "a", "")))
	clk := testingclock.NewFakeClock(time.Now())
	rec := &recorder{}
	inf := startInformer(t, srv, SharedInformerOptions{Clock: clk, ResyncPeriod: 10 * time.Minute}, rec)
	require.Eventually(t, inf.HasSynced, waitFor, tick)

	require.Eventually(t, clk.HasWaiters, waitFor, tick)
	clk.Step(10 * time.Minute)
	require.Eventually(t, func() bool { return rec.count() == 2 }, waitFor, tick)
	assert.Equal(t, []string{"ADD default/a 2", "UPDATE default/a 2->2"}, rec.lines())
}

func TestCustomIndexOnAnInformer(t *testing.T) {
	srv := newPodServer()
	require.NoError(t, srv.Create(newPod("default", "a", "node-01")))
	inf := NewSharedIndexInformer(srv, &corev1.Pod{}, SharedInformerOptions{Logger: quiet,
		Indexers: Indexers{PodNodeNameIndex: PodNodeNameIndexFunc}})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go inf.Run(ctx)
	require.True(t, WaitForCacheSync(ctx, inf.HasSynced))

	keys, err := inf.GetIndexer().IndexKeys(PodNodeNameIndex, "node-01")
	require.NoError(t, err)
	assert.Equal(t, []string{"default/a"}, keys)
	keys, err = inf.GetIndexer().IndexKeys(NamespaceIndex, "default")
	require.NoError(t, err)
	assert.Equal(t, []string{"default/a"}, keys, "every informer has the namespace index")
}

func TestWaitForCacheSyncGivesUpWithTheContext(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	assert.False(t, WaitForCacheSync(ctx, func() bool { return false }))
	assert.True(t, WaitForCacheSync(context.Background(), func() bool { return true }))
}
