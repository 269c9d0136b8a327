// This file teaches the shape of the storage layer: the one interface that
// the apiserver calls, and the plain values that cross it. It mirrors
// storage.Interface in k8s.io/apiserver, without its codecs and caches.

package storage

import "context"

// KeyValue is one stored value and the resourceVersion of the write that put
// it there (etcd calls that the key's ModRevision).
type KeyValue struct {
	Key             string
	Value           []byte
	ResourceVersion int64
}

// ListOptions narrow a List.
type ListOptions struct {
	// Limit caps the number of items returned; 0 means no limit.
	Limit int64
	// Continue is the token from the previous page's ListResult. A paged list
	// reads every page at the revision of the first page, so that a client
	// sees one consistent snapshot even while others write.
	Continue string
}

// ListResult is one page of a List.
type ListResult struct {
	Items []KeyValue
	// ResourceVersion is the revision the list was read at. A client that
	// watches from it sees every change after the list and nothing before.
	ResourceVersion int64
	// Continue is non-empty when more items remain; pass it back in
	// ListOptions.Continue to read the next page.
	Continue string
}

// EventType says what happened to a key.
type EventType string

const (
	Added    EventType = "ADDED"
	Modified EventType = "MODIFIED"
	Deleted  EventType = "DELETED"
	// Error ends a watch: Err says why (for instance ResourceVersionTooOld
	// when the store compacted past the watcher). No event follows it.
	Error EventType = "ERROR"
)

// Event is one change seen by a watch.
type Event struct {
	Type EventType
	Key  string
	// Value is the new value; for Deleted it is the last value the key had,
	// so that a watcher knows what was removed.
	Value []byte
	// ResourceVersion is the revision of the write that caused the event.
	ResourceVersion int64
	// Err is set only for Error events.
	Err error
}

// Watcher is a running watch. Its channel is closed when the watch ends:
// after Stop, after the context is cancelled, or after an Error event.
type Watcher interface {
	ResultChan() <-chan Event
	// Stop ends the watch and releases its resources. It is safe to call
	// more than once and from any goroutine.
	Stop()
}

// Interface is the storage layer. Implementations are safe for concurrent use
// by many goroutines and keep the promises listed in the package comment.
type Interface interface {
	// Create stores value under key. It fails with KeyExists if the key is
	// already there. It returns the resourceVersion of the write.
	Create(ctx context.Context, key string, value []byte) (int64, error)

	// Get returns the value under key, or KeyNotFound.
	Get(ctx context.Context, key string) (KeyValue, error)

	// List returns the keys under prefix, sorted by key, and the revision the
	// list was read at.
	List(ctx context.Context, prefix string, opts ListOptions) (ListResult, error)

	// Update replaces the value under key if the stored resourceVersion is
	// expectedRV. It fails with Conflict if the value changed since, and with
	// KeyNotFound if the key is gone. It returns the new resourceVersion.
	Update(ctx context.Context, key string, value []byte, expectedRV int64) (int64, error)

	// Delete removes key and returns its last value, with the resourceVersion
	// of the deletion. With expectedRV > 0 it deletes only if the stored
	// resourceVersion still matches (Conflict otherwise).
	Delete(ctx context.Context, key string, expectedRV int64) (KeyValue, error)

	// Watch reports changes to keys under prefix made after resourceVersion
	// fromRV. fromRV == 0 means "from now on". A fromRV older than the
	// compacted revision gets one Error event carrying ResourceVersionTooOld,
	// as the real apiserver sends an ERROR event with 410 in the stream.
	Watch(ctx context.Context, prefix string, fromRV int64) (Watcher, error)

	// Compact discards history older than rv: watches from before rv can no
	// longer be served. Current values are never discarded.
	Compact(ctx context.Context, rv int64) error

	// CurrentResourceVersion returns the revision of the latest write.
	CurrentResourceVersion(ctx context.Context) (int64, error)

	// Close releases connections and files. The store is unusable after it.
	Close() error
}
