package workqueue

import (
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQueueDeduplicatesKeysNotYetTaken(t *testing.T) {
	q := NewQueue[string]()
	q.Add("default/a")
	q.Add("default/b")
	q.Add("default/a")
	q.Add("default/a")
	assert.Equal(t, 2, q.Len(), "three adds of one key queue it once")

	first, _ := q.Get()
	second, _ := q.Get()
	assert.Equal(t, []string{"default/a", "default/b"}, []string{first, second}, "keys come out in the order first added")
	assert.Equal(t, 0, q.Len())
}

func TestQueueRequeuesKeyAddedWhileProcessing(t *testing.T) {
	q := NewQueue[string]()
	q.Add("default/a")
	key, _ := q.Get()

	q.Add("default/a") // a change arrives while a worker reconciles the key
	assert.Equal(t, 0, q.Len(), "the held key must not be handed to another worker")

	q.Done(key)
	require.Equal(t, 1, q.Len(), "after Done the key comes back, so the change is not lost")
	again, shutdown := q.Get()
	assert.False(t, shutdown)
	assert.Equal(t, "default/a", again)
	q.Done(again)
	assert.Equal(t, 0, q.Len(), "a key not re-added is gone after Done")
}

// TestQueueNeverHandsOneKeyToTwoWorkers runs many workers over few keys
// that are re-added constantly, and records for each key how many workers
// hold it at once: it must never exceed one.
func TestQueueNeverHandsOneKeyToTwoWorkers(t *testing.T) {
	q := NewQueue[int]()
	const keys, workers, adds = 5, 16, 20000
	var holders [keys]atomic.Int32
	var violations, processed atomic.Int64

	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				key, shutdown := q.Get()
				if shutdown {
					return
				}
				if holders[key].Add(1) > 1 {
					violations.Add(1)
				}
				time.Sleep(time.Microsecond) // widen the window for a second holder
				holders[key].Add(-1)
				processed.Add(1)
				q.Done(key)
			}
		})
	}
	var producers sync.WaitGroup
	for p := range 4 {
		producers.Go(func() {
			for i := range adds / 4 {
				q.Add((i + p) % keys)
			}
		})
	}
	producers.Wait()
	drained := make(chan struct{})
	go func() {
		q.ShutDownWithDrain()
		wg.Wait()
		close(drained)
	}()
	select {
	case <-drained:
	case <-time.After(30 * time.Second):
		t.Fatalf("the workers did not drain the queue: %d keys still queued", q.Len())
	}

	assert.Zero(t, violations.Load(), "a key was held by two workers at once")
	assert.Greater(t, processed.Load(), int64(keys), "the workers did run concurrently over re-added keys")
	assert.Less(t, processed.Load(), int64(adds), "re-adds of a queued key were deduplicated")
}

func TestQueueShutDownLetsWorkersFinishQueuedKeys(t *testing.T) {
	q := NewQueue[string]()
	q.Add("a")
	q.Add("b")
	q.ShutDown()
	q.Add("c")
	assert.Equal(t, 2, q.Len(), "adds after shutdown are ignored")

	a, shutdown := q.Get()
	assert.Equal(t, "a", a)
	assert.False(t, shutdown)
	b, _ := q.Get()
	assert.Equal(t, "b", b)
	_, shutdown = q.Get()
	assert.True(t, shutdown, "an empty queue after shutdown reports shutdown instead of blocking")
}

func TestQueueShutDownWakesBlockedWorkers(t *testing.T) {
	q := NewQueue[string]()
	done := make(chan bool)
	go func() {
		_, shutdown := q.Get()
		done <- shutdown
	}()
	time.Sleep(10 * time.Millisecond) // let the worker block in Get
	q.ShutDown()
	select {
	case shutdown := <-done:
		assert.True(t, shutdown)
	case <-time.After(5 * time.Second):
		t.Fatal("a worker blocked in Get was not woken by ShutDown")
	}
}

func TestQueueShutDownWithDrainWaitsForHeldKeys(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := NewQueue[string]()
		q.Add("a")
		key, _ := q.Get()

		drained := make(chan struct{})
		go func() {
			q.ShutDownWithDrain()
			close(drained)
		}()
		synctest.Wait() // the drainer waits, or has returned
		select {
		case <-drained:
			t.Fatal("ShutDownWithDrain returned while a worker still held a key")
		default:
		}
		q.Done(key)
		synctest.Wait()
		select {
		case <-drained:
		default:
			q.ShutDown() // release the drainer, so the test ends
			t.Fatal("ShutDownWithDrain did not return after the last Done")
		}
		require.True(t, q.ShuttingDown())
	})
}
