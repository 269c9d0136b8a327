// This file teaches what a component registers with an informer: three
// callbacks. It mirrors ResourceEventHandler in client-go.

package cache

import "k8s.io/apimachinery/pkg/runtime"

// ResourceEventHandler is told about changes to the objects of one type.
// The informer calls one handler from one goroutine, in the order the
// changes happened, so a handler needs no locking of its own against
// itself; it must not modify the objects it receives. Handlers should be
// quick: the usual one computes a key and adds it to a work queue.
type ResourceEventHandler interface {
	// OnAdd: obj is new to the cache. isInInitialList is true for the
	// objects of the first list, and for the current objects replayed to a
	// handler added after the informer started.
	OnAdd(obj runtime.Object, isInInitialList bool)
	// OnUpdate: obj changed from oldObj to newObj. On a resync, oldObj and
	// newObj are the same object.
	OnUpdate(oldObj, newObj runtime.Object)
	// OnDelete: obj was deleted. obj is the last state seen, or a
	// DeletedFinalStateUnknown if the deletion was found by a relist.
	OnDelete(obj any)
}

// ResourceEventHandlerFuncs adapts functions to a ResourceEventHandler;
// nil functions are skipped.
type ResourceEventHandlerFuncs struct {
	AddFunc    func(obj runtime.Object, isInInitialList bool)
	UpdateFunc func(oldObj, newObj runtime.Object)
	DeleteFunc func(obj any)
}

func (f ResourceEventHandlerFuncs) OnAdd(obj runtime.Object, isInInitialList bool) {
	if f.AddFunc != nil {
		f.AddFunc(obj, isInInitialList)
	}
}

func (f ResourceEventHandlerFuncs) OnUpdate(oldObj, newObj runtime.Object) {
	if f.UpdateFunc != nil {
		f.UpdateFunc(oldObj, newObj)
	}
}

func (f ResourceEventHandlerFuncs) OnDelete(obj any) {
	if f.DeleteFunc != nil {
		f.DeleteFunc(obj)
	}
}
