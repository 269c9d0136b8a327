// This file teaches the node side of the cache: a node's NodeInfo is
// created when the informer reports it, keeps the pods placed on it, and
// outlives the node while pods still name it (they may be deleted after
// their node). It mirrors AddNode, UpdateNode and RemoveNode of
// kube-scheduler's cache.

package cache

import (
	corev1 "k8s.io/api/core/v1"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
)

// AddNode records a node the informer reports.
func (c *Cache) AddNode(node *corev1.Node) { c.UpdateNode(nil, node) }

// UpdateNode records a node's newer state.
func (c *Cache) UpdateNode(_, node *corev1.Node) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.nodes[node.Name]
	if !ok {
		n = framework.NewNodeInfo(nil)
		c.nodes[node.Name] = n
	}
	n.SetNode(node)
	c.touchLocked(n)
}

// RemoveNode forgets a deleted node; its pods stay counted until they are
// deleted too.
func (c *Cache) RemoveNode(node *corev1.Node) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.nodes[node.Name]
	if !ok {
		return
	}
	if len(n.Pods) == 0 {
		delete(c.nodes, node.Name)
		c.generation++ // the snapshot must notice the node is gone
		return
	}
	n.SetNode(nil)
	c.touchLocked(n)
}

// NodeCount is the number of nodes known (those with pods only excluded).
func (c *Cache) NodeCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	count := 0
	for _, n := range c.nodes {
		if n.Node != nil {
			count++
		}
	}
	return count
}
