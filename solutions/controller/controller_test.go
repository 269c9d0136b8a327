package controller

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	testingclock "k8s.io/utils/clock/testing"

	"github.com/kubeling/kubeling/solutions/client/cache"
	"github.com/kubeling/kubeling/solutions/client/workqueue"

	// The stand-in apiserver the tests drive; not part of the chapter.
	"github.com/kubeling/kubeling/solutions/client/cache/cachetest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

const waitFor, tick = 5 * time.Second, time.Millisecond

func pod(name string) *corev1.Pod {
	return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name}}
}

// fixture is a pods informer over a fake server, and a controller
// watching it, run until the test ends.
type fixture struct {
	srv      *cachetest.Server
	informer *cache.SharedIndexInformer
	clock    *testingclock.FakeClock
}

func newFixture(t *testing.T, pods ...string) *fixture {
	t.Helper()
	srv := cachetest.NewServer(schema.GroupResource{Resource: "pods"}, func() runtime.Object { return &corev1.PodList{} })
	for _, name := range pods {
		require.NoError(t, srv.Create(pod(name)))
	}
	return &fixture{
		srv:      srv,
		informer: cache.NewSharedIndexInformer(srv, &corev1.Pod{}, cache.SharedInformerOptions{Logger: quiet}),
		clock:    testingclock.NewFakeClock(time.Now()),
	}
}

// run starts the informer and c with workers until the test ends.
func (f *fixture) run(t *testing.T, c *Controller, workers int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { f.informer.Run(ctx) })
	wg.Go(func() { assert.NoError(t, c.Run(ctx, workers)) })
	t.Cleanup(func() {
		cancel()
		wg.Wait()
	})
}

// syncLog records sync calls, safe for concurrent use.
type syncLog struct {
	mu   sync.Mutex
	keys []string
}

func (l *syncLog) add(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.keys = append(l.keys, key)
}

func (l *syncLog) get() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.keys...)
}

func TestWorkersStartOnlyAfterTheCacheHasSynced(t *testing.T) {
	f := newFixture(t, "a", "b", "c")
	lister := cache.NewLister[*corev1.Pod](f.informer.GetIndexer(), schema.GroupResource{Resource: "pods"})
	var seen []int
	var mu sync.Mutex
	c := New("test", func(ctx context.Context, key string) error {
		pods, err := lister.Namespace("default").List(labelsEverything())
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, len(pods))
		return err
	}, Options{Logger: quiet})
	c.Watch(f.informer)
	f.run(t, c, 2)

	require.Eventually(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(seen) == 3 }, waitFor, tick)
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []int{3, 3, 3}, seen, "every sync must see the full cache")
}

func TestHandlersEnqueueKeysOfAddsUpdatesAndDeletes(t *testing.T) {
	f := newFixture(t, "a")
	log := &syncLog{}
	c := New("test", func(_ context.Context, key string) error { log.add(key); return nil }, Options{Logger: quiet})
	c.Watch(f.informer)
	f.run(t, c, 1)
	require.Eventually(t, func() bool { return len(log.get()) == 1 }, waitFor, tick)

	require.NoError(t, f.srv.Create(pod("b")))
	require.Eventually(t, func() bool { return len(log.get()) == 2 }, waitFor, tick)
	require.NoError(t, f.srv.Update(pod("a")))
	require.Eventually(t, func() bool { return len(log.get()) == 3 }, waitFor, tick)
	require.NoError(t, f.srv.Delete(pod("b")))
	require.Eventually(t, func() bool { return len(log.get()) == 4 }, waitFor, tick)
	assert.Equal(t, []string{"default/a", "default/b", "default/a", "default/b"}, log.get())
}

// TestManyEventsForOneKeyCostFewSyncs runs in a synctest bubble: time is
// fake, and synctest.Wait returns once every goroutine is blocked, so
// "no second sync" is checked when nothing more can happen, not after a
// sleep that a loaded machine might cut short.
func TestManyEventsForOneKeyCostFewSyncs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFixture(t, "a")
		release := make(chan struct{})
		var syncs atomic.Int32
		c := New("test", func(_ context.Context, key string) error {
			if syncs.Add(1) == 1 {
				<-release // the first sync is slow; events pile up meanwhile
			}
			return nil
		}, Options{Logger: quiet})
		c.Watch(f.informer)
		f.run(t, c, 4)
		unblock := sync.OnceFunc(func() { close(release) })
		// Cleanups run last first: a failed test must not leave the worker stuck.
		t.Cleanup(unblock)
		time.Sleep(time.Second) // fake time: past the controller's wait for the cache
		synctest.Wait()
		require.EqualValues(t, 1, syncs.Load())

		for range 20 {
			require.NoError(t, f.srv.Update(pod("a")))
		}
		synctest.Wait()
		assert.EqualValues(t, 1, syncs.Load(), "no second worker may sync default/a while the first holds it")
		unblock()
		synctest.Wait()
		assert.EqualValues(t, 2, syncs.Load(), "the 20 updates fold into one more sync")
	})
}

// TestFailedSyncIsRetriedWithBackoffThenForgotten notes the (fake) time of
// each attempt, in a synctest bubble: each retry must come exactly twice
// as long after its failure as the one before, and none after the success.
func TestFailedSyncIsRetriedWithBackoffThenForgotten(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFixture(t, "a")
		var mu sync.Mutex
		var attempts []time.Time
		c := New("test", func(_ context.Context, key string) error {
			mu.Lock()
			defer mu.Unlock()
			attempts = append(attempts, time.Now())
			if len(attempts) <= 3 {
				return errors.New("apiserver said no")
			}
			return nil
		}, Options{Logger: quiet, // the real clock: the bubble's fake time
			RateLimiter: workqueue.NewItemExponentialFailureRateLimiter[string](time.Second, time.Minute)})
		c.Watch(f.informer)
		f.run(t, c, 1)
		time.Sleep(time.Hour)
		synctest.Wait()

		mu.Lock()
		defer mu.Unlock()
		require.Len(t, attempts, 4, "three failures, one success, then no more syncs")
		var gaps []time.Duration
		for i := 1; i < len(attempts); i++ {
			gaps = append(gaps, attempts[i].Sub(attempts[i-1]))
		}
		assert.Equal(t, []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}, gaps, "the delays before each retry")
		assert.Zero(t, c.queue.NumRequeues("default/a"), "success forgets the failures")
	})
}

func TestRequeueAfterLooksAgainWithoutCountingAFailure(t *testing.T) {
	f := newFixture(t, "a")
	var attempts atomic.Int32
	c := New("test", func(_ context.Context, key string) error {
		if attempts.Add(1) == 1 {
			return RequeueAfter(time.Minute)
		}
		return nil
	}, Options{Logger: quiet, Clock: f.clock})
	c.Watch(f.informer)
	f.run(t, c, 1)
	require.Eventually(t, f.clock.HasWaiters, waitFor, tick)
	assert.Zero(t, c.queue.NumRequeues("default/a"))
	f.clock.Step(time.Minute)
	require.Eventually(t, func() bool { return attempts.Load() == 2 }, waitFor, tick)
}

func TestWatchFuncEnqueuesChosenKeysIncludingForTombstones(t *testing.T) {
	f := newFixture(t, "web-1")
	log := &syncLog{}
	c := New("test", func(_ context.Context, key string) error { log.add(key); return nil }, Options{Logger: quiet})
	c.WatchFunc(f.informer, func(obj any) []string {
		if tomb, ok := obj.(cache.DeletedFinalStateUnknown); ok {
			obj = tomb.Obj
		}
		return []string{"owner-of/" + obj.(*corev1.Pod).Name}
	})
	f.run(t, c, 1)
	require.Eventually(t, func() bool { return len(log.get()) == 1 }, waitFor, tick)
	assert.Equal(t, []string{"owner-of/web-1"}, log.get())
}

func TestRunStopsWorkersWithTheContext(t *testing.T) {
	f := newFixture(t, "a")
	var syncs atomic.Int32
	c := New("test", func(ctx context.Context, key string) error { syncs.Add(1); return nil }, Options{Logger: quiet})
	c.Watch(f.informer)
	ctx, cancel := context.WithCancel(context.Background())
	go f.informer.Run(ctx)
	done := make(chan error)
	go func() { done <- c.Run(ctx, 3) }()
	require.Eventually(t, func() bool { return syncs.Load() == 1 }, waitFor, tick, "the workers are running")
	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(waitFor):
		t.Fatal("Run did not return after the context was cancelled")
	}
	assert.True(t, c.queue.ShuttingDown())
}

func TestRunFailsIfCachesNeverSync(t *testing.T) {
	c := New("test", func(context.Context, string) error { return nil }, Options{Logger: quiet})
	c.WaitFor(func() bool { return false })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	err := c.Run(ctx, 1)
	assert.ErrorContains(t, err, "caches did not sync")
}

func TestNoKeySyncedByTwoWorkersAtOnce(t *testing.T) {
	// In a synctest bubble: the final check comes when every sync that
	// will ever run has run.
	synctest.Test(t, func(t *testing.T) {
		f := newFixture(t)
		for i := range 5 {
			require.NoError(t, f.srv.Create(pod(fmt.Sprint(i))))
		}
		var holders sync.Map
		var violations, syncs atomic.Int32
		c := New("test", func(_ context.Context, key string) error {
			n, _ := holders.LoadOrStore(key, new(atomic.Int32))
			if n.(*atomic.Int32).Add(1) > 1 {
				violations.Add(1)
			}
			time.Sleep(100 * time.Microsecond) // hold the key while other workers run
			n.(*atomic.Int32).Add(-1)
			syncs.Add(1)
			return nil
		}, Options{Logger: quiet})
		c.Watch(f.informer)
		f.run(t, c, 8)
		require.Eventually(t, func() bool { return syncs.Load() >= 5 }, waitFor, tick, "the initial list")
		for range 40 {
			for i := range 5 {
				require.NoError(t, f.srv.Update(pod(fmt.Sprint(i))))
			}
		}
		time.Sleep(time.Second)
		synctest.Wait()
		assert.GreaterOrEqual(t, syncs.Load(), int32(10))
		assert.Zero(t, violations.Load())
	})
}

func labelsEverything() labels.Selector { return labels.Everything() }
