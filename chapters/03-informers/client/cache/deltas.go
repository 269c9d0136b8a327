// This file teaches what the informer queues for each object: not the
// object, but what happened to it, in order ("Added, then Updated twice").
// It mirrors Delta and DeletedFinalStateUnknown in client-go.

package cache

import "k8s.io/apimachinery/pkg/runtime"

// DeltaType says what happened to an object.
type DeltaType string

const (
	// Added, Updated and Deleted come from watch events.
	Added   DeltaType = "Added"
	Updated DeltaType = "Updated"
	Deleted DeltaType = "Deleted"
	// Replaced comes from a (re)list: the object is in the new list. It may
	// be new, changed, or the same as the cache already holds.
	Replaced DeltaType = "Replaced"
	// Sync comes from a periodic resync: nothing changed, but handlers get
	// the object again so that they can reconcile it again.
	Sync DeltaType = "Sync"
)

// Delta is one thing that happened to an object. Object is a
// runtime.Object, except for a Deleted delta found by a relist, whose
// Object is a DeletedFinalStateUnknown.
type Delta struct {
	Type   DeltaType
	Object any
}

// Deltas is what happened to one object, oldest first.
type Deltas []Delta

// Newest returns the latest delta; ok is false if there is none.
func (d Deltas) Newest() (delta Delta, ok bool) {
	if len(d) == 0 {
		return Delta{}, false
	}
	return d[len(d)-1], true
}

// DeletedFinalStateUnknown is what a delete handler receives when the
// informer learned of the deletion from a relist rather than from a watch
// event: the object was deleted while the watch was down (and its version
// compacted away). Obj is the last state the informer knew, which may be
// stale: the object may have changed before it was deleted.
type DeletedFinalStateUnknown struct {
	Key string
	Obj runtime.Object
}
