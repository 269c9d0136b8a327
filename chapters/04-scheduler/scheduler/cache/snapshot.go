// This file teaches why the scheduler works on a snapshot: filtering 500
// nodes must see one consistent state, without holding the cache's lock
// (which the informer needs) for the whole cycle. Copying every NodeInfo
// for every pod would cost more than scheduling it, so a snapshot copies
// only the nodes whose generation is newer than its own. It mirrors
// Snapshot and UpdateSnapshot in kube-scheduler.

package cache

import (
	"sort"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
)

// Snapshot is a read-only copy of the cache's nodes, for one goroutine
// (the scheduling loop) at a time.
type Snapshot struct {
	nodes      map[string]*framework.NodeInfo
	list       []*framework.NodeInfo // sorted by name: the order nodes are tried in
	generation int64
}

// NewSnapshot returns an empty snapshot.
func NewSnapshot() *Snapshot {
	return &Snapshot{nodes: map[string]*framework.NodeInfo{}}
}

// Nodes returns the nodes, sorted by name. Do not modify them.
func (s *Snapshot) Nodes() []*framework.NodeInfo { return s.list }

// Get returns the named node's NodeInfo.
func (s *Snapshot) Get(name string) (*framework.NodeInfo, bool) {
	n, ok := s.nodes[name]
	return n, ok
}

// UpdateSnapshot brings s up to date with the cache.
func (c *Cache) UpdateSnapshot(s *Snapshot) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s.generation == c.generation {
		return
	}
	setChanged := false
	present := 0
	for name, n := range c.nodes {
		if n.Node == nil {
			continue
		}
		present++
		if n.Generation <= s.generation {
			continue
		}
		if old, ok := s.nodes[name]; ok {
			*old = *n.Clone() // in place: s.list points at old
			continue
		}
		s.nodes[name] = n.Clone()
		setChanged = true
	}
	if present != len(s.nodes) {
		c.dropRemovedLocked(s)
		setChanged = true
	}
	if setChanged {
		s.rebuildList()
	}
	s.generation = c.generation
}

// dropRemovedLocked deletes from s the nodes the cache no longer has.
func (c *Cache) dropRemovedLocked(s *Snapshot) {
	for name := range s.nodes {
		if n, ok := c.nodes[name]; !ok || n.Node == nil {
			delete(s.nodes, name)
		}
	}
}

func (s *Snapshot) rebuildList() {
	s.list = s.list[:0]
	for _, n := range s.nodes {
		s.list = append(s.list, n)
	}
	sort.Slice(s.list, func(i, j int) bool { return s.list[i].Name() < s.list[j].Name() })
}
