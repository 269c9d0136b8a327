package cache

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"
)

// scriptedWatches is a ListerWatcher whose list is empty at version 1 and
// whose watches end as scripted, one entry a watch: "empty" ends at once
// with no event, "event" delivers one ADDED pod and then ends. Once the
// script is used up, a watch stays open until it is stopped. It records
// when each watch was asked for.
type scriptedWatches struct {
	mu     sync.Mutex
	script []string
	at     []time.Time
}

func (s *scriptedWatches) List(context.Context, metav1.ListOptions) (runtime.Object, error) {
	return &corev1.PodList{ListMeta: metav1.ListMeta{ResourceVersion: "1"}}, nil
}

func (s *scriptedWatches) Watch(context.Context, metav1.ListOptions) (watch.Interface, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.at)
	s.at = append(s.at, time.Now())
	w := watch.NewFake()
	switch {
	case n >= len(s.script):
		// stays open
	case s.script[n] == "empty":
		w.Stop()
	case s.script[n] == "event":
		go func() {
			pod := newPod("default", "a", "")
			pod.ResourceVersion = "2"
			w.Add(pod)
			w.Stop()
		}()
	}
	return w, nil
}

// gaps returns the time between each watch request and the one before.
func (s *scriptedWatches) gaps() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []time.Duration
	for i := 1; i < len(s.at); i++ {
		out = append(out, s.at[i].Sub(s.at[i-1]))
	}
	return out
}

// TestReflectorBacksOffBetweenWatchesThatDeliverNothing has the server end
// watches at once, without an event, twice; then deliver an event; then end
// one empty again. The reflector waits 800ms and 1.6s before the second and
// third watch, resumes at once after the one that delivered, and, that
// watch having been healthy, waits the shortest delay again after the
// last. It never lists again.
//
// hint: a watch that ends without delivering anything is retried after the
// hint: backoff, as a failure is: a server that closes every watch at once
// hint: (overloaded, restarting) must not be answered by thousands of clients
// hint: re-watching in a tight loop. A watch that delivered events is resumed
// hint: at once and resets the backoff, so an old outage does not slow the next.
func TestReflectorBacksOffBetweenWatchesThatDeliverNothing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		lw := &scriptedWatches{script: []string{"empty", "empty", "event", "empty"}}
		store := &storeRecorder{}
		r := NewReflector(lw, &corev1.Pod{}, store, ReflectorOptions{Name: "pods", Logger: quiet})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			defer close(done)
			r.Run(ctx)
		}()
		time.Sleep(time.Hour) // on the bubble's clock, once the reflector waits
		cancel()
		<-done

		gaps := lw.gaps()
		require.Len(t, gaps, 4, "five watches: the four scripted ones and the one left open")
		assert.Equal(t, []time.Duration{800 * time.Millisecond, 1600 * time.Millisecond, 0, 800 * time.Millisecond}, gaps)
		assert.Equal(t, []string{"Replace [] at 1", "Added default/a 2"}, store.lines(), "only the first list, and the one event")
	})
}

// TestReflectorBookmarkMovesTheResourceVersionOnly applies a BOOKMARK: the
// store must not hear of it, and the next watch resumes from its version.
//
// hint: a BOOKMARK carries no change, only the resourceVersion the server has
// hint: got to (its object is empty but for that version): record the version
// hint: and call no store method, or the cache gets an empty object.
func TestReflectorBookmarkMovesTheResourceVersionOnly(t *testing.T) {
	store := &storeRecorder{}
	r := NewReflector(newPodServer(), &corev1.Pod{}, store, ReflectorOptions{Name: "pods", Logger: quiet})
	bookmark := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{ResourceVersion: "9"}}
	require.NoError(t, r.apply(watch.Event{Type: watch.Bookmark, Object: bookmark}))
	assert.Empty(t, store.lines(), "a bookmark changes no object")
	assert.Equal(t, "9", r.LastSyncResourceVersion())
}
