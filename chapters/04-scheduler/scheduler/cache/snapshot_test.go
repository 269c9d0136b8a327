package cache

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nodeNames lists the snapshot's nodes in the order it gives them.
func nodeNames(s *Snapshot) []string {
	var names []string
	for _, n := range s.Nodes() {
		names = append(names, n.Name())
	}
	return names
}

// TestSnapshotNodesAreInNameOrder proves that nodes are tried in a fixed
// order, whatever order the informer reported them in (Go's map order is
// random): with ties broken the same way, the same cluster gives the same
// placement, run after run. The order holds after more nodes join.
func TestSnapshotNodesAreInNameOrder(t *testing.T) {
	c, _ := newTestCache()
	for _, name := range []string{"node-c", "node-a", "node-e", "node-b"} {
		c.AddNode(newNode(name, "4"))
	}
	s := snapshotOf(c)
	require.Equal(t, []string{"node-a", "node-b", "node-c", "node-e"}, nodeNames(s), "snapshot nodes are not in name order")
	c.AddNode(newNode("node-d", "4"))
	c.UpdateSnapshot(s)
	assert.Equal(t, []string{"node-a", "node-b", "node-c", "node-d", "node-e"}, nodeNames(s), "after node-d joined, snapshot nodes are not in name order")
}

// TestSnapshotDoesNotChangeUntilUpdated proves the snapshot is a copy: a
// cycle filtering 500 nodes sees one state, even while the informer
// changes the cache under it.
func TestSnapshotDoesNotChangeUntilUpdated(t *testing.T) {
	c, _ := newTestCache()
	c.AddNode(newNode("node-1", "4"))
	s := snapshotOf(c)
	require.NoError(t, c.AssumePod(newPod("web", "node-1", "3")))
	c.UpdateNode(nil, newNode("node-1", "8"))
	c.AddNode(newNode("node-2", "4"))
	assert.Equal(t, map[string]nodeView{"node-1": {4000, 0, []string{}}}, view(s), "the snapshot changed before UpdateSnapshot was called")
}

// TestSnapshotUpdateCopiesOnlyChangedNodes proves the update is
// incremental: after one pod lands on node-2, only node-2's NodeInfo is
// copied again (its generation moves, the others keep theirs), and the
// result shows exactly that change.
func TestSnapshotUpdateCopiesOnlyChangedNodes(t *testing.T) {
	c, _ := newTestCache()
	for _, name := range []string{"node-1", "node-2", "node-3"} {
		c.AddNode(newNode(name, "4"))
	}
	s := snapshotOf(c)
	before := map[string]int64{}
	for _, n := range s.Nodes() {
		before[n.Name()] = n.Generation
	}
	wantView := view(s)
	c.AddPod(newPod("web", "node-2", "1"))
	c.UpdateSnapshot(s)
	for _, n := range s.Nodes() {
		if n.Name() == "node-2" {
			assert.Greater(t, n.Generation, before["node-2"], "node-2 changed, but the snapshot kept its old copy")
		} else {
			assert.Equal(t, before[n.Name()], n.Generation, "%s did not change, but the snapshot copied it again", n.Name())
		}
	}
	wantView["node-2"] = nodeView{4000, 1000, []string{"web"}}
	assert.Equal(t, wantView, view(s), "the updated snapshot does not show exactly the one change")
}

// TestNodeUpdateShowsInSnapshot proves a node's new allocatable (8 CPUs
// instead of 4) is what the next cycle filters with.
func TestNodeUpdateShowsInSnapshot(t *testing.T) {
	c, _ := newTestCache()
	old := newNode("node-1", "4")
	c.AddNode(old)
	s := snapshotOf(c)
	c.UpdateNode(old, newNode("node-1", "8"))
	c.UpdateSnapshot(s)
	n, ok := s.Get("node-1")
	require.True(t, ok)
	assert.Equal(t, int64(8000), n.Allocatable.MilliCPU, "node-1 grew to 8 CPUs, but the snapshot still offers %dm", n.Allocatable.MilliCPU)
}

// TestRemovedNodeDisappearsFromSnapshot proves no pod is placed on a
// deleted node, whether it was empty or still had pods (whose deletion
// comes later): it leaves the snapshot's list and Get, and NodeCount.
func TestRemovedNodeDisappearsFromSnapshot(t *testing.T) {
	for _, withPod := range []bool{false, true} {
		t.Run(fmt.Sprintf("with a pod: %v", withPod), func(t *testing.T) {
			c, _ := newTestCache()
			c.AddNode(newNode("node-1", "4"))
			c.AddNode(newNode("node-2", "4"))
			if withPod {
				c.AddPod(newPod("web", "node-2", "1"))
			}
			s := snapshotOf(c)
			c.RemoveNode(newNode("node-2", "4"))
			c.UpdateSnapshot(s)
			assert.Equal(t, []string{"node-1"}, nodeNames(s), "a deleted node is still offered to pods")
			_, ok := s.Get("node-2")
			assert.False(t, ok, "Get still finds a deleted node")
			assert.Equal(t, 1, c.NodeCount())
		})
	}
}

// TestPodsOutliveTheirNode proves pods are counted by the node they name,
// whichever arrives first: a pod reported before its node, or a node
// deleted and re-registered while its pods still run, shows them when it
// (re)appears. Forgetting them would overbook the node.
func TestPodsOutliveTheirNode(t *testing.T) {
	cases := []struct {
		name  string
		steps func(c *Cache)
	}{
		{"pod reported before its node", func(c *Cache) {
			c.AddPod(newPod("web", "node-1", "3"))
			c.AddNode(newNode("node-1", "4"))
		}},
		{"node deleted and re-registered", func(c *Cache) {
			c.AddNode(newNode("node-1", "4"))
			c.AddPod(newPod("web", "node-1", "3"))
			c.RemoveNode(newNode("node-1", "4"))
			c.AddNode(newNode("node-1", "4"))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := newTestCache()
			tc.steps(c)
			got := view(snapshotOf(c))
			assert.Equal(t, map[string]nodeView{"node-1": {4000, 3000, []string{"web"}}}, got, "after the %s", tc.name)
		})
	}
}

// TestIncrementalSnapshotMatchesAFreshOne proves, over 2,000 random
// changes (nodes added, resized, removed; pods assumed, forgotten,
// confirmed, moved, deleted; assumptions expired), that a snapshot
// updated after each change always equals a snapshot built from scratch.
// A missed generation bump shows here as a stale node.
func TestIncrementalSnapshotMatchesAFreshOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	c, clk := newTestCache()
	s := NewSnapshot()
	nodes := []string{"node-1", "node-2", "node-3", "node-4"}
	pick := func() string { return nodes[rng.IntN(len(nodes))] }
	for step := range 2000 {
		pod := newPod(fmt.Sprintf("pod-%d", rng.IntN(8)), pick(), fmt.Sprintf("%dm", 100*(1+rng.IntN(5))))
		var did string
		switch rng.IntN(9) {
		case 0:
			c.AddNode(newNode(pod.Spec.NodeName, fmt.Sprint(1+rng.IntN(8))))
			did = "add or resize " + pod.Spec.NodeName
		case 1:
			c.RemoveNode(newNode(pod.Spec.NodeName, "1"))
			did = "remove " + pod.Spec.NodeName
		case 2:
			_ = c.AssumePod(pod)
			did = "assume " + pod.Name
		case 3:
			_ = c.ForgetPod(pod)
			did = "forget " + pod.Name
		case 4:
			c.FinishBinding(pod)
			did = "finish binding " + pod.Name
		case 5, 6:
			c.AddPod(pod)
			did = "confirm or move " + pod.Name
		case 7:
			c.RemovePod(pod)
			did = "delete " + pod.Name
		case 8:
			clk.Step(DefaultAssumedPodTTL / 2)
			c.CleanupExpiredAssumedPods()
			did = "expire assumed pods"
		}
		c.UpdateSnapshot(s)
		fresh := snapshotOf(c)
		require.Equal(t, view(fresh), view(s), "step %d (%s): the updated snapshot differs from a fresh one", step, did)
		require.True(t, sort.StringsAreSorted(nodeNames(s)), "step %d (%s): nodes out of name order: %v", step, did, nodeNames(s))
	}
}
