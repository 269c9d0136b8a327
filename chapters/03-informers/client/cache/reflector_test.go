package cache

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
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

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// storeRecorder is a ReflectorStore that records each call as a line:
// "Added default/a 5", or "Replace 3 items at 9".
type storeRecorder struct {
	mu    sync.Mutex
	calls []string
}

func (s *storeRecorder) rec(line string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, line)
	return nil
}

func (s *storeRecorder) Add(obj runtime.Object) error {
	return s.rec(fmt.Sprintf("Added %s %s", keyOf(obj), rvOf(obj)))
}

func (s *storeRecorder) Update(obj runtime.Object) error {
	return s.rec(fmt.Sprintf("Modified %s %s", keyOf(obj), rvOf(obj)))
}

func (s *storeRecorder) Delete(obj runtime.Object) error {
	return s.rec(fmt.Sprintf("Deleted %s %s", keyOf(obj), rvOf(obj)))
}

func (s *storeRecorder) Replace(list []runtime.Object, rv string) error {
	keys := make([]string, 0, len(list))
	for _, obj := range list {
		keys = append(keys, keyOf(obj))
	}
	slices.Sort(keys)
	return s.rec(fmt.Sprintf("Replace %v at %s", keys, rv))
}

func (s *storeRecorder) Resync() error { return s.rec("Resync") }

func (s *storeRecorder) lines() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

func (s *storeRecorder) has(line string) func() bool {
	return func() bool { return slices.Contains(s.lines(), line) }
}

// startReflector runs a reflector over srv until the test ends. clk nil
// means the real clock: inside a synctest bubble, the bubble's fake time.
func startReflector(t *testing.T, srv *cachetest.Server, clk clock.Clock) (*Reflector, *storeRecorder) {
	t.Helper()
	store := &storeRecorder{}
	r := NewReflector(srv, &corev1.Pod{}, store, ReflectorOptions{Name: "pods", Clock: clk, Logger: quiet})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.Run(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return r, store
}

const waitFor, tick = 5 * time.Second, time.Millisecond

func TestReflectorListsThenWatchesFromTheListsVersion(t *testing.T) {
	srv := newPodServer()
	require.NoError(t, srv.Create(newPod("default", "a", "")))
	require.NoError(t, srv.Create(newPod("default", "b", "")))
	listRV := srv.ResourceVersion()

	r, store := startReflector(t, srv, testingclock.NewFakeClock(time.Now()))
	require.Eventually(t, func() bool { return len(srv.Watches()) == 1 }, waitFor, tick)
	assert.Equal(t, listRV, srv.Watches()[0].ResourceVersion, "the watch starts where the list ended")
	assert.True(t, srv.Watches()[0].AllowWatchBookmarks)

	require.NoError(t, srv.Create(newPod("default", "c", "")))
	require.Eventually(t, store.has("Added default/c 4"), waitFor, tick)
	assert.Equal(t, []string{"Replace [default/a default/b] at 3", "Added default/c 4"}, store.lines())
	assert.Equal(t, "4", r.LastSyncResourceVersion())
}

func TestReflectorListsInPagesAtOneVersion(t *testing.T) {
	srv := newPodServer()
	for i := range 1200 {
		require.NoError(t, srv.Create(newPod("default", fmt.Sprintf("p%04d", i), "")))
	}
	_, store := startReflector(t, srv, testingclock.NewFakeClock(time.Now()))
	require.Eventually(t, func() bool { return len(store.lines()) == 1 }, waitFor, tick)

	lists := srv.Lists()
	require.Len(t, lists, 3, "1200 objects in pages of 500")
	for _, l := range lists {
		assert.EqualValues(t, listPageSize, l.Limit)
	}
	assert.Contains(t, store.lines()[0], " at 1201", "the store gets the first page's version")
	for _, k := range []string{"default/p0000", "default/p0499", "default/p0500", "default/p1199"} {
		assert.Contains(t, store.lines()[0], k)
	}
}

// churn makes n changes to ten pods (creates, updates, and deletes
// followed by re-creates), calling between after each, and returns the
// lines a storeRecorder should get for them.
func churn(t *testing.T, srv *cachetest.Server, n int, between func(i int)) []string {
	t.Helper()
	var want []string
	do := func(op func(runtime.Object) error, event, name string) {
		require.NoError(t, op(newPod("default", name, "")))
		want = append(want, fmt.Sprintf("%s default/%s %s", event, name, srv.ResourceVersion()))
	}
	for i := range n {
		name := fmt.Sprintf("p%d", i%10)
		switch {
		case i < 10:
			do(srv.Create, "Added", name)
		case i%3 == 0:
			do(srv.Delete, "Deleted", name)
			do(srv.Create, "Added", name)
		default:
			do(srv.Update, "Modified", name)
		}
		between(i)
	}
	return want
}

// TestReflectorResumesACutWatchWithoutLosingOrRepeatingEvents makes many
// changes while cutting the watch again and again, as apiserver restarts
// do. The store must see exactly the server's history after the list: no
// change missing, none twice, in order, and the reflector must never list
// again (each resumed watch starts at the last version it applied).
//
// It runs in a synctest bubble: time is fake, so a backoff passes as soon
// as every goroutine waits, and synctest.Wait returns only once nothing
// more can happen without time passing; a duplicate sent late would be
// in the store by then.
func TestReflectorResumesACutWatchWithoutLosingOrRepeatingEvents(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newPodServer()
		require.NoError(t, srv.Create(newPod("default", "seed", "")))
		_, store := startReflector(t, srv, nil)
		synctest.Wait()
		require.Len(t, srv.Watches(), 1)

		want := churn(t, srv, 300, func(i int) {
			if i%7 != 0 {
				return
			}
			before := len(srv.Watches())
			srv.CutWatches()
			// A watch cut before it delivered anything is retried after a
			// backoff (at most maxBackoff). Wait for the resumed watch, so
			// that the next changes race it.
			time.Sleep(maxBackoff)
			synctest.Wait()
			require.Greater(t, len(srv.Watches()), before, "the cut watch was not resumed")
		})
		time.Sleep(maxBackoff)
		synctest.Wait()

		got := store.lines()
		assert.Equal(t, "Replace [default/seed] at 2", got[0])
		assert.Equal(t, want, got[1:], "the store must see each change exactly once, in order")
		assert.Len(t, srv.Lists(), 1, "a broken watch is resumed, never relisted")
		assert.Greater(t, len(srv.Watches()), 40, "the watch was cut and resumed many times")
	})
}

// TestReflectorRelistsOnlyWhenTheWatchIsGone runs both shapes of 410: an
// ERROR event in the stream and a failed watch request.
func TestReflectorRelistsOnlyWhenTheWatchIsGone(t *testing.T) {
	for _, onRequest := range []bool{false, true} {
		t.Run(fmt.Sprintf("GoneOnRequest=%v", onRequest), func(t *testing.T) {
			srv := newPodServer()
			srv.GoneOnRequest = onRequest
			require.NoError(t, srv.Create(newPod("default", "a", "")))
			require.NoError(t, srv.Create(newPod("default", "b", "")))
			clk := testingclock.NewFakeClock(time.Now())
			_, store := startReflector(t, srv, clk)
			require.Eventually(t, func() bool { return len(srv.Watches()) == 1 }, waitFor, tick)

			// Take the watch down and keep it down (the next watch fails, the
			// reflector backs off on the fake clock)...
			srv.FailNextWatches(1)
			srv.CutWatches()
			require.Eventually(t, clk.HasWaiters, waitFor, tick, "the reflector should be backing off")
			// ...while b is deleted, c created, and history compacted.
			require.NoError(t, srv.Delete(newPod("default", "b", "")))
			require.NoError(t, srv.Create(newPod("default", "c", "")))
			srv.Compact()

			require.Eventually(t, func() bool {
				clk.Step(time.Minute)
				return len(srv.Lists()) == 2
			}, waitFor, tick, "a 410 must lead to a new list")
			require.Eventually(t, store.has("Replace [default/a default/c] at 5"), waitFor, tick)
			assert.Equal(t, "", srv.Lists()[1].ResourceVersion, "the relist reads the newest state")

			require.NoError(t, srv.Create(newPod("default", "d", "")))
			require.Eventually(t, store.has("Added default/d 6"), waitFor, tick, "after the relist the watch resumes from the list's version")
		})
	}
}

// TestReflectorBacksOffExponentiallyWithoutRelisting fails three watches
// in a row: the reflector waits 800ms, 1.6s, 3.2s between them and never
// lists again. In the synctest bubble the retries come at exact fake
// times, so "not before 800ms" is checked, not guessed by sleeping.
func TestReflectorBacksOffExponentiallyWithoutRelisting(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newPodServer()
		_, store := startReflector(t, srv, nil)
		synctest.Wait()
		require.Len(t, srv.Watches(), 1)
		// The watch delivers an event, so its end is not a failure by itself.
		require.NoError(t, srv.Create(newPod("default", "a", "")))
		synctest.Wait()
		require.True(t, store.has("Added default/a 2")())

		srv.FailNextWatches(3)
		srv.CutWatches()
		synctest.Wait()
		require.Len(t, srv.Watches(), 2, "a cut watch that delivered events is resumed at once")

		for i, delay := range []time.Duration{800 * time.Millisecond, 1600 * time.Millisecond, 3200 * time.Millisecond} {
			watches := len(srv.Watches())
			time.Sleep(delay - time.Millisecond)
			synctest.Wait()
			require.Len(t, srv.Watches(), watches, "retry %d came before %v", i+1, delay)
			time.Sleep(time.Millisecond)
			synctest.Wait()
			require.Len(t, srv.Watches(), watches+1, "retry %d did not come after %v", i+1, delay)
		}
		require.NoError(t, srv.Create(newPod("default", "b", "")))
		synctest.Wait()
		assert.True(t, store.has("Added default/b 3")(), "the fourth watch works")
		assert.Len(t, srv.Lists(), 1, "watch failures other than 410 never cause a relist")
		for _, w := range srv.Watches()[1:] {
			assert.Equal(t, "2", w.ResourceVersion, "every retry resumes from the last version seen")
		}
	})
}

func TestReflectorCallsResyncEveryPeriod(t *testing.T) {
	srv := newPodServer()
	clk := testingclock.NewFakeClock(time.Now())
	store := &storeRecorder{}
	r := NewReflector(srv, &corev1.Pod{}, store, ReflectorOptions{ResyncPeriod: time.Minute, Clock: clk, Logger: quiet})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.Run(ctx)

	require.Eventually(t, clk.HasWaiters, waitFor, tick)
	clk.Step(time.Minute)
	require.Eventually(t, store.has("Resync"), waitFor, tick)
}

func TestIsGoneRecognisesBothShapesOf410(t *testing.T) {
	srv := newPodServer()
	srv.GoneOnRequest = true
	srv.Compact()
	require.NoError(t, srv.Create(newPod("default", "a", "")))
	srv.Compact()
	_, err := srv.Watch(context.Background(), metav1ListOptions("1"))
	assert.True(t, isGone(err))
	assert.True(t, isGone(fmt.Errorf("wrapped: %w", err)))
	assert.False(t, isGone(fmt.Errorf("connection refused")))
	assert.False(t, isGone(nil))
}
