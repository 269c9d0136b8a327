package cache

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// popOne pops one key and returns its deltas, failing if nothing is queued.
func popOne(t *testing.T, f *DeltaFIFO) (Deltas, bool) {
	t.Helper()
	var got Deltas
	var initial bool
	done := make(chan error, 1)
	go func() {
		done <- f.Pop(func(d Deltas, isInInitialList bool) error {
			got, initial = d, isInInitialList
			return nil
		})
	}()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		f.Close()
		t.Fatal("Pop blocked: nothing was queued")
	}
	return got, initial
}

// describe turns deltas into "Type key" strings, with "Deleted key (unknown)"
// for a DeletedFinalStateUnknown.
func describe(deltas Deltas) []string {
	var out []string
	for _, d := range deltas {
		s := string(d.Type) + " " + keyOf(d.Object)
		if _, ok := d.Object.(DeletedFinalStateUnknown); ok {
			s += " (unknown)"
		}
		out = append(out, s)
	}
	return out
}

func TestDeltaFIFOQueuesAKeyOnceWithEveryDelta(t *testing.T) {
	f := NewDeltaFIFO(NewIndexer(nil))
	require.NoError(t, f.Add(newPod("default", "a", "")))
	require.NoError(t, f.Update(newPod("default", "a", "node-01")))
	require.NoError(t, f.Add(newPod("default", "b", "")))
	require.NoError(t, f.Update(newPod("default", "a", "node-02")))
	assert.Len(t, f.queue, 2, "a key with pending deltas is queued once")

	a, _ := popOne(t, f)
	assert.Equal(t, []string{"Added default/a", "Updated default/a", "Updated default/a"}, describe(a), "every change of a, in order")
	assert.Equal(t, "node-02", a[2].Object.(*corev1.Pod).Spec.NodeName)
	b, _ := popOne(t, f)
	assert.Equal(t, []string{"Added default/b"}, describe(b), "keys come out in the order first queued")
}

func TestDeltaFIFOKeepsOneOfTwoDeletesInARow(t *testing.T) {
	f := NewDeltaFIFO(NewIndexer(nil))
	require.NoError(t, f.Add(newPod("default", "a", "")))
	require.NoError(t, f.Delete(newPod("default", "a", "")))
	require.NoError(t, f.Delete(newPod("default", "a", "")))
	a, _ := popOne(t, f)
	assert.Equal(t, []string{"Added default/a", "Deleted default/a"}, describe(a))
}

func TestDeltaFIFODropsTheDeleteOfAnObjectItNeverHad(t *testing.T) {
	f := NewDeltaFIFO(NewIndexer(nil))
	require.NoError(t, f.Delete(newPod("default", "ghost", "")))
	assert.Empty(t, f.queue, "no handler saw ghost, so none needs to hear of its deletion")
}

func TestDeltaFIFOReplaceFindsWhatWasDeletedWhileNotWatching(t *testing.T) {
	known := NewIndexer(nil)
	require.NoError(t, known.Add(newPod("default", "kept", "")))
	require.NoError(t, known.Add(newPod("default", "gone", "node-01")))
	f := NewDeltaFIFO(known)
	// Seen on the watch but not yet popped into the cache, then gone too.
	require.NoError(t, f.Add(newPod("default", "brief", "")))
	// Known, and its delete already queued: no second delete.
	require.NoError(t, known.Add(newPod("default", "deleting", "")))
	require.NoError(t, f.Delete(newPod("default", "deleting", "")))

	require.NoError(t, f.Replace([]runtime.Object{newPod("default", "kept", "node-09")}, "42"))

	got := map[string][]string{}
	for range 4 {
		d, _ := popOne(t, f)
		got[keyOf(d[0].Object)] = describe(d)
	}
	assert.Equal(t, map[string][]string{
		"default/kept":     {"Replaced default/kept"},
		"default/gone":     {"Deleted default/gone (unknown)"},
		"default/brief":    {"Added default/brief", "Deleted default/brief (unknown)"},
		"default/deleting": {"Deleted default/deleting"},
	}, got)
	assert.Empty(t, f.queue)

	// The tombstone carries the last state the cache knew.
	f2 := NewDeltaFIFO(known)
	require.NoError(t, f2.Replace(nil, "43"))
	for range 3 {
		d, _ := popOne(t, f2)
		if keyOf(d[0].Object) == "default/gone" {
			tomb := d[0].Object.(DeletedFinalStateUnknown)
			assert.Equal(t, "node-01", tomb.Obj.(*corev1.Pod).Spec.NodeName)
		}
	}
}

func TestDeltaFIFOHasSyncedOnceTheFirstListIsProcessed(t *testing.T) {
	f := NewDeltaFIFO(NewIndexer(nil))
	assert.False(t, f.HasSynced(), "not synced before the first list")
	require.NoError(t, f.Replace([]runtime.Object{newPod("default", "a", ""), newPod("default", "b", "")}, "7"))
	assert.False(t, f.HasSynced(), "not synced while listed objects are queued")

	_, initial := popOne(t, f)
	assert.True(t, initial)
	assert.False(t, f.HasSynced())
	require.NoError(t, f.Add(newPod("default", "c", "")))
	_, initial = popOne(t, f)
	assert.True(t, initial)
	assert.True(t, f.HasSynced(), "synced once both listed objects are processed")
	_, initial = popOne(t, f)
	assert.False(t, initial, "c came from the watch, not the list")
}

func TestDeltaFIFOEmptyFirstListIsSynced(t *testing.T) {
	f := NewDeltaFIFO(NewIndexer(nil))
	require.NoError(t, f.Replace(nil, "1"))
	assert.True(t, f.HasSynced())
}

func TestDeltaFIFOResyncQueuesOnlyKeysWithNothingPending(t *testing.T) {
	known := NewIndexer(nil)
	require.NoError(t, known.Add(newPod("default", "quiet", "")))
	require.NoError(t, known.Add(newPod("default", "busy", "")))
	f := NewDeltaFIFO(known)
	require.NoError(t, f.Update(newPod("default", "busy", "node-01")))
	require.NoError(t, f.Resync())

	busy, _ := popOne(t, f)
	assert.Equal(t, []string{"Updated default/busy"}, describe(busy), "a newer state is already on its way; no Sync")
	quiet, _ := popOne(t, f)
	assert.Equal(t, []string{"Sync default/quiet"}, describe(quiet))
}

func TestDeltaFIFOCloseWakesAPop(t *testing.T) {
	// In a synctest bubble, synctest.Wait returns once Pop is surely
	// blocked; a Pop that Close never wakes deadlocks the bubble, which
	// fails the test.
	synctest.Test(t, func(t *testing.T) {
		f := NewDeltaFIFO(NewIndexer(nil))
		done := make(chan error)
		go func() { done <- f.Pop(func(Deltas, bool) error { return nil }) }()
		synctest.Wait()
		f.Close()
		assert.ErrorIs(t, <-done, ErrFIFOClosed)
	})
}
