// This file teaches how an index is kept right: every write must remove the
// key from the index values of the old object and add it under those of the
// new one, or a pod that moved from node-01 to node-02 would be found on
// both. It mirrors threadSafeMap in client-go.

package cache

import (
	"fmt"
	"sync"

	"k8s.io/apimachinery/pkg/runtime"
)

// threadSafeStore is the Indexer every informer uses. One RWMutex guards
// the items and all indexes, so a reader never sees an object without its
// index entries.
type threadSafeStore struct {
	mu       sync.RWMutex
	items    map[string]runtime.Object
	indexers Indexers
	indices  map[string]index // index name → indexed value → keys
}

// NewIndexer returns an empty Indexer with the given indexes.
func NewIndexer(indexers Indexers) Indexer {
	s := &threadSafeStore{
		items:    map[string]runtime.Object{},
		indexers: Indexers{},
		indices:  map[string]index{},
	}
	if err := s.AddIndexers(indexers); err != nil {
		panic(err) // a fresh store has no names in use
	}
	return s
}

func (s *threadSafeStore) Add(obj runtime.Object) error    { return s.put(obj) }
func (s *threadSafeStore) Update(obj runtime.Object) error { return s.put(obj) }

func (s *threadSafeStore) put(obj runtime.Object) error {
	key, err := MetaNamespaceKeyFunc(obj)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.items[key]
	s.items[key] = obj
	return s.updateIndicesLocked(key, old, obj)
}

func (s *threadSafeStore) Delete(obj runtime.Object) error {
	key, err := MetaNamespaceKeyFunc(obj)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.items[key]
	if !ok {
		return nil
	}
	delete(s.items, key)
	return s.updateIndicesLocked(key, old, nil)
}

func (s *threadSafeStore) Replace(list []runtime.Object) error {
	items := make(map[string]runtime.Object, len(list))
	for _, obj := range list {
		key, err := MetaNamespaceKeyFunc(obj)
		if err != nil {
			return err
		}
		items[key] = obj
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items = items
	for name := range s.indexers {
		s.indices[name] = index{}
	}
	for key, obj := range items {
		if err := s.updateIndicesLocked(key, nil, obj); err != nil {
			return err
		}
	}
	return nil
}

// updateIndicesLocked moves key from the index values of oldObj to those of
// newObj, in every index. Either may be nil (an add or a delete). s.mu must
// be held for writing.
func (s *threadSafeStore) updateIndicesLocked(key string, oldObj, newObj runtime.Object) error {
	// TODO(chapter 3): write indexer-update.
	// Hint: for every index: compute the values of oldObj and of newObj with
	// Hint: its IndexFunc (none for a nil object); remove key from each old
	// Hint: value's set, dropping sets that become empty; add key to each new
	// Hint: value's set, creating it if needed.
	panic("TODO(chapter 3): indexer-update is not written yet (see chapters/03-informers/README.md)")
}

func (s *threadSafeStore) Get(obj runtime.Object) (runtime.Object, bool, error) {
	key, err := MetaNamespaceKeyFunc(obj)
	if err != nil {
		return nil, false, err
	}
	return s.GetByKey(key)
}

func (s *threadSafeStore) GetByKey(key string) (runtime.Object, bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	obj, ok := s.items[key]
	return obj, ok, nil
}

func (s *threadSafeStore) List() []runtime.Object {
	s.mu.RLock()
	defer s.mu.RUnlock()
	list := make([]runtime.Object, 0, len(s.items))
	for _, obj := range s.items {
		list = append(list, obj)
	}
	return list
}

func (s *threadSafeStore) ListKeys() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	keys := make([]string, 0, len(s.items))
	for key := range s.items {
		keys = append(keys, key)
	}
	return keys
}

func (s *threadSafeStore) ByIndex(indexName, indexedValue string) ([]runtime.Object, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	idx, ok := s.indices[indexName]
	if !ok {
		return nil, fmt.Errorf("no index named %q", indexName)
	}
	list := make([]runtime.Object, 0, len(idx[indexedValue]))
	for key := range idx[indexedValue] {
		list = append(list, s.items[key])
	}
	return list, nil
}

func (s *threadSafeStore) IndexKeys(indexName, indexedValue string) ([]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	idx, ok := s.indices[indexName]
	if !ok {
		return nil, fmt.Errorf("no index named %q", indexName)
	}
	keys := make([]string, 0, len(idx[indexedValue]))
	for key := range idx[indexedValue] {
		keys = append(keys, key)
	}
	return keys, nil
}

func (s *threadSafeStore) AddIndexers(newIndexers Indexers) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for name := range newIndexers {
		if _, ok := s.indexers[name]; ok {
			return fmt.Errorf("index %q already exists", name)
		}
	}
	for name, indexFunc := range newIndexers {
		s.indexers[name] = indexFunc
		s.indices[name] = index{}
	}
	// Index what is already stored. The existing indexes are visited too,
	// which changes nothing there: a key is added to a set it is already in.
	for key, obj := range s.items {
		if err := s.updateIndicesLocked(key, nil, obj); err != nil {
			return err
		}
	}
	return nil
}
