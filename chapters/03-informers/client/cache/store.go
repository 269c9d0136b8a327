// This file teaches the cache's interface: a map from key to the newest
// object known, plus indexes. It mirrors Store and Indexer in client-go.

package cache

import "k8s.io/apimachinery/pkg/runtime"

// Store is a thread-safe map from key (see MetaNamespaceKeyFunc) to object.
// The objects it holds and returns are shared: callers must not modify them.
type Store interface {
	Add(obj runtime.Object) error
	Update(obj runtime.Object) error
	Delete(obj runtime.Object) error
	// Replace swaps the whole content for list, as after a relist.
	Replace(list []runtime.Object) error

	Get(obj runtime.Object) (item runtime.Object, exists bool, err error)
	GetByKey(key string) (item runtime.Object, exists bool, err error)
	List() []runtime.Object
	ListKeys() []string
}

// Indexer is a Store that also keeps indexes, updated with every write.
type Indexer interface {
	Store
	// ByIndex returns the objects whose index function, for indexName,
	// returned indexedValue.
	ByIndex(indexName, indexedValue string) ([]runtime.Object, error)
	// IndexKeys is ByIndex returning keys.
	IndexKeys(indexName, indexedValue string) ([]string, error)
	// AddIndexers adds indexes, computed at once over what is already
	// stored. Names already in use are refused.
	AddIndexers(newIndexers Indexers) error
}
