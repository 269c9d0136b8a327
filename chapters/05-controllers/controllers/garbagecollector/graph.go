// This file teaches the garbage collector's picture of the cluster: a
// graph with a node per object, keyed by uid, and for every owner uid the
// nodes that name it in their ownerReferences. The owner need not be in
// the graph for its dependents to be found: that is how a dependent of a
// deleted owner is reached. It mirrors uidToNode and node in Kubernetes'
// pkg/controller/garbagecollector/graph.go, whose nodes are mutable; here
// a node is replaced, never changed, so it can be read without a lock.

package garbagecollector

import (
	"slices"
	"sync"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
)

// objectReference says where an object lives: enough to GET, PATCH and
// DELETE it.
type objectReference struct {
	Resource  schema.GroupVersionResource
	Namespace string
	Name      string
	UID       types.UID
}

// node is one object as the graph last saw it. Never modified once added.
type node struct {
	identity objectReference
	owners   []metav1.OwnerReference
	// beingDeleted: it has a deletionTimestamp.
	beingDeleted bool
	// deletingDependents: being deleted with the "foregroundDeletion"
	// finalizer: its blocking dependents go first.
	deletingDependents bool
	// orphaning: being deleted with the "orphan" finalizer.
	orphaning bool
}

// newNode reads a node from an object's metadata.
func newNode(resource schema.GroupVersionResource, m metav1.Object) *node {
	deleting := m.GetDeletionTimestamp() != nil
	return &node{
		identity:           objectReference{Resource: resource, Namespace: m.GetNamespace(), Name: m.GetName(), UID: m.GetUID()},
		owners:             m.GetOwnerReferences(),
		beingDeleted:       deleting,
		deletingDependents: deleting && slices.Contains(m.GetFinalizers(), metav1.FinalizerDeleteDependents),
		orphaning:          deleting && slices.Contains(m.GetFinalizers(), metav1.FinalizerOrphanDependents),
	}
}

// ownerUIDs returns the uids n's ownerReferences name.
func (n *node) ownerUIDs() []types.UID {
	uids := make([]types.UID, 0, len(n.owners))
	for _, o := range n.owners {
		uids = append(uids, o.UID)
	}
	return uids
}

// blocks reports whether n names owner with blockOwnerDeletion: true.
func (n *node) blocks(owner types.UID) bool {
	return slices.ContainsFunc(n.owners, func(o metav1.OwnerReference) bool {
		return o.UID == owner && o.BlockOwnerDeletion != nil && *o.BlockOwnerDeletion
	})
}

// graph holds the nodes. Safe for concurrent use.
type graph struct {
	mu         sync.Mutex
	nodes      map[types.UID]*node
	dependents map[types.UID]map[types.UID]*node // owner uid → its dependents by uid
}

func newGraph() *graph {
	return &graph{nodes: map[types.UID]*node{}, dependents: map[types.UID]map[types.UID]*node{}}
}

// put adds n, or replaces the node of the same uid, and returns the one
// it replaced (nil if none).
func (g *graph) put(n *node) *node {
	g.mu.Lock()
	defer g.mu.Unlock()
	old := g.removeLocked(n.identity.UID)
	g.nodes[n.identity.UID] = n
	for _, owner := range n.ownerUIDs() {
		if g.dependents[owner] == nil {
			g.dependents[owner] = map[types.UID]*node{}
		}
		g.dependents[owner][n.identity.UID] = n
	}
	return old
}

// remove takes the node of uid out of the graph and returns it (nil if
// it was not there). Its dependents stay: they are found by its uid.
func (g *graph) remove(uid types.UID) *node {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.removeLocked(uid)
}

func (g *graph) removeLocked(uid types.UID) *node {
	old := g.nodes[uid]
	if old == nil {
		return nil
	}
	delete(g.nodes, uid)
	for _, owner := range old.ownerUIDs() {
		delete(g.dependents[owner], uid)
		if len(g.dependents[owner]) == 0 {
			delete(g.dependents, owner)
		}
	}
	return old
}

// get returns the node of uid, or nil.
func (g *graph) get(uid types.UID) *node {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.nodes[uid]
}

// dependentsOf returns the nodes that name owner as an owner.
func (g *graph) dependentsOf(owner types.UID) []*node {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := make([]*node, 0, len(g.dependents[owner]))
	for _, d := range g.dependents[owner] {
		out = append(out, d)
	}
	return out
}

// hasAbsentOwner reports whether n names an owner the graph has not seen.
func (g *graph) hasAbsentOwner(n *node) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, owner := range n.ownerUIDs() {
		if g.nodes[owner] == nil {
			return true
		}
	}
	return false
}
