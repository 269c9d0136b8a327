package cache

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// TestDeltaFIFOTombstoneCarriesTheNewestQueuedState relists without two
// pods whose newest state is still queued: one the cache has never seen,
// one the cache holds an older copy of. Each tombstone must carry the
// queued state, the last one the informer heard of.
//
// hint: the newest state of a key is its newest queued delta when it has one
// hint: (the cache is behind the queue), else the cache's copy. Handlers
// hint: hear of the queued state before the delete, so a tombstone with no
// hint: object, or an older one, tells them less than they already know.
func TestDeltaFIFOTombstoneCarriesTheNewestQueuedState(t *testing.T) {
	known := NewIndexer(nil)
	require.NoError(t, known.Add(newPod("default", "moved", "node-01")))
	f := NewDeltaFIFO(known)
	require.NoError(t, f.Update(newPod("default", "moved", "node-02")))
	require.NoError(t, f.Add(newPod("default", "brief", "node-03")))

	require.NoError(t, f.Replace([]runtime.Object{}, "42"))

	last := map[string]string{}
	for range 2 {
		d, _ := popOne(t, f)
		newest, _ := d.Newest()
		tomb, ok := newest.Object.(DeletedFinalStateUnknown)
		require.True(t, ok, "%s: the relist ends with a delete of unknown final state: %v", keyOf(d[0].Object), describe(d))
		require.NotNil(t, tomb.Obj, "%s: the tombstone carries no object", tomb.Key)
		last[tomb.Key] = tomb.Obj.(*corev1.Pod).Spec.NodeName
	}
	assert.Equal(t, map[string]string{"default/moved": "node-02", "default/brief": "node-03"}, last)
}

// TestDeltaFIFOStaysSyncedAcrossARelist relists after the first list has
// been processed: HasSynced stays true, and the relisted objects are not
// reported as part of the first list.
//
// hint: HasSynced means "the first list has been processed", once and for
// hint: all: only the first Replace sets the count it waits for. A relist
// hint: (after 410 Gone) that reset it would make a controller's workers see
// hint: an unsynced cache again, and its handlers treat live objects as initial.
func TestDeltaFIFOStaysSyncedAcrossARelist(t *testing.T) {
	f := NewDeltaFIFO(NewIndexer(nil))
	require.NoError(t, f.Replace([]runtime.Object{newPod("default", "a", "")}, "7"))
	_, initial := popOne(t, f)
	require.True(t, initial)
	require.True(t, f.HasSynced())

	require.NoError(t, f.Replace([]runtime.Object{newPod("default", "a", ""), newPod("default", "b", "")}, "9"))
	assert.True(t, f.HasSynced(), "a relist does not undo the first sync")
	for range 2 {
		d, initial := popOne(t, f)
		assert.False(t, initial, "%s came from a relist, not the first list", keyOf(d[0].Object))
	}
}
