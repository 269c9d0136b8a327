package workqueue

import (
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// got is what one Get returned.
type got struct {
	key      string
	shutdown bool
}

// getInBackground calls Get in a new goroutine and sends what it returns.
func getInBackground(q *Queue[string]) <-chan got {
	out := make(chan got, 1)
	go func() {
		key, shutdown := q.Get()
		out <- got{key, shutdown}
	}()
	return out
}

// returned reports what a background Get returned, if it has.
func returned(c <-chan got) (got, bool) {
	select {
	case g := <-c:
		return g, true
	default:
		return got{}, false
	}
}

// TestQueueAddWakesABlockedWorker adds a key while a worker waits in Get:
// that worker must get it, with nothing else happening.
//
// hint: a worker waiting in Get sleeps on the queue's cond; Add must wake
// hint: one (Signal) when it queues a key, or the key sits in the queue until
// hint: something unrelated wakes a worker.
func TestQueueAddWakesABlockedWorker(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := NewQueue[string]()
		worker := getInBackground(q)
		synctest.Wait() // the worker waits in Get
		_, done := returned(worker)
		require.False(t, done, "Get returned from an empty queue")

		q.Add("default/a")
		synctest.Wait()
		g, done := returned(worker)
		q.ShutDown() // release a worker still waiting, so the test ends
		require.True(t, done, "a worker waiting in Get was not woken by Add")
		assert.Equal(t, got{"default/a", false}, g)
	})
}

// TestQueueGetWaitsAgainWhenAnotherWorkerTookTheKey lets a worker that was
// woken by an Add find the queue empty again (a second worker took the key
// first) many times over: it must go back to waiting, not report shutdown.
//
// hint: being woken is not a promise: between the Signal and the moment the
// hint: woken worker holds the lock again, another worker may have taken the
// hint: key. Check the queue again after every wake-up, in a loop; only an
// hint: empty queue after ShutDown means shutdown.
func TestQueueGetWaitsAgainWhenAnotherWorkerTookTheKey(t *testing.T) {
	for range 50 {
		synctest.Test(t, func(t *testing.T) {
			q := NewQueue[string]()
			sleeper := getInBackground(q)
			synctest.Wait() // the sleeper waits in Get

			// A second worker adds a key and takes it at once, usually
			// before the sleeper it woke gets the lock back.
			taker := make(chan got, 1)
			go func() {
				q.Add("default/a")
				key, shutdown := q.Get()
				taker <- got{key, shutdown}
			}()
			synctest.Wait()
			first, sleeperDone := returned(sleeper)
			second, takerDone := returned(taker)
			q.ShutDown()
			synctest.Wait()

			require.False(t, sleeperDone && takerDone,
				"both workers returned from Get for one key: %+v and %+v (the queue is not shut down)", first, second)
			if !sleeperDone {
				first = second
			}
			assert.Equal(t, got{"default/a", false}, first)
		})
	}
}

// TestQueueDoneWakesAWorkerForAKeyAddedWhileHeld re-adds a key while one
// worker holds it, with a second worker waiting: when the first calls Done,
// the second must get the key.
//
// hint: Done queues a key that was added again while it was held; like Add,
// hint: it must then wake a waiting worker, or the change waits in the queue
// hint: until an unrelated Add comes.
func TestQueueDoneWakesAWorkerForAKeyAddedWhileHeld(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := NewQueue[string]()
		q.Add("default/a")
		held, _ := q.Get()
		waiting := getInBackground(q)
		q.Add("default/a") // a change arrives while the key is held
		synctest.Wait()
		_, done := returned(waiting)
		require.False(t, done, "a held key was handed to a second worker")

		q.Done(held)
		synctest.Wait()
		g, done := returned(waiting)
		q.ShutDown()
		require.True(t, done, "the waiting worker was not woken when Done queued the key again")
		assert.Equal(t, got{"default/a", false}, g)
	})
}
