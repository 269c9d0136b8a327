package scheduler

import (
	"fmt"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
)

// scores builds a score list, in name order as schedulePod passes it.
func scores(pairs ...any) []framework.NodeScore {
	var out []framework.NodeScore
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, framework.NodeScore{Name: pairs[i].(string), Score: int64(pairs[i+1].(int))})
	}
	return out
}

// TestSelectHostPicksTheBestScoreThenRoundRobinAmongTies proves the
// tie-break a lab relies on to say where the next pod goes: the highest
// total wins outright; among tied nodes the one after the node picked last
// (in name order) wins, wrapping round to the first; nodes that are not
// tied never win, even when they come right after lastPicked.
func TestSelectHostPicksTheBestScoreThenRoundRobinAmongTies(t *testing.T) {
	cases := []struct {
		name       string
		lastPicked string
		scores     []framework.NodeScore
		want       string
	}{
		{"one best node wins whatever was picked last", "node-01", scores("node-01", 50, "node-02", 90, "node-03", 70), "node-02"},
		{"first pick of a tie is the first tied node", "", scores("node-01", 80, "node-02", 80, "node-03", 80), "node-01"},
		{"a tie goes to the tied node after the last pick", "node-01", scores("node-01", 80, "node-02", 80, "node-03", 80), "node-02"},
		{"a tie skips nodes that are not tied", "node-01", scores("node-01", 80, "node-02", 60, "node-03", 80), "node-03"},
		{"after the last tied node, wrap round to the first", "node-03", scores("node-01", 80, "node-02", 80, "node-03", 80), "node-01"},
		{"lastPicked need not be tied, nor exist", "node-02x", scores("node-01", 80, "node-02", 10, "node-03", 80), "node-03"},
		{"a single node", "node-07", scores("node-07", 0), "node-07"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := &Scheduler{lastPicked: c.lastPicked}
			got := s.selectHost(c.scores)
			assert.Equal(t, c.want, got, "with scores %v and %q picked last, selectHost chose %s; want %s", c.scores, c.lastPicked, got, c.want)
			assert.Equal(t, got, s.lastPicked, "selectHost must remember its choice in lastPicked, or the next tie goes to the same node")
		})
	}
}

// TestFiftyIdenticalPodsSpreadTenOnEachOfFiveNodes drives the whole path
// (informers, queue, filters, scores, selectHost, assume, bind through the
// apiserver) with 50 identical pods and 5 identical nodes: each node must
// end with exactly 10. The nodes are so big (1000 CPUs, 1000Gi) that ten
// request-less pods (scored as 0.1 CPU and 200Mi each) do not change any
// node's integer score: every pod sees a five-way tie, and only the
// round-robin spreads them. A tie-break that forgets lastPicked puts all 50
// on node-01.
func TestFiftyIdenticalPodsSpreadTenOnEachOfFiveNodes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var objects []runtime.Object
		for i := 1; i <= 5; i++ {
			n := node(fmt.Sprintf("node-%02d", i), "1000")
			n.Status.Allocatable[corev1.ResourceMemory] = resource.MustParse("1000Gi")
			objects = append(objects, n)
		}
		for i := range 50 {
			objects = append(objects, pod(fmt.Sprintf("web-%02d", i), ""))
		}
		c := newCluster(objects...)
		c.start(t)

		perNode := map[string]int{}
		for i := range 50 {
			perNode[c.nodeOf(t, fmt.Sprintf("web-%02d", i))]++
		}
		want := map[string]int{"node-01": 10, "node-02": 10, "node-03": 10, "node-04": 10, "node-05": 10}
		assert.Equal(t, want, perNode, "50 identical pods on 5 identical nodes must end 10 on each (\"\" counts unbound pods)")
		assert.Len(t, c.bindCalls(), 50, "each pod must be bound exactly once")
	})
}
