package plugins

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
)

// LeastAllocated prefers the emptier node, so that identical pods spread:
// a pod asking 1 CPU and 2Gi scores 75 on an empty 4-CPU/8Gi node (3/4
// of each left) and 25 on one where 2 CPUs and 4Gi are taken.
func TestLeastAllocatedPrefersTheEmptierNode(t *testing.T) {
	empty := nodeWith(makeNode("empty", "4", "8Gi", 110))
	half := nodeWith(makeNode("half", "4", "8Gi", 110), makePod("placed", "2", "4Gi"))

	scores := score(t, &LeastAllocated{}, makePod("new", "1", "2Gi"), empty, half)
	assert.Equal(t, map[string]int64{"empty": 75, "half": 25}, scores, "the emptier node must score higher")
}

// Pods that request nothing still spread: LeastAllocated counts them at
// the scoring defaults (0.1 CPU, 200Mi), so a node holding three of them
// scores below an empty one for a fourth.
func TestLeastAllocatedCountsRequestlessPods(t *testing.T) {
	empty := nodeWith(makeNode("empty", "1", "1Gi", 110))
	busy := nodeWith(makeNode("busy", "1", "1Gi", 110), makePod("a", "", ""), makePod("b", "", ""), makePod("c", "", ""))

	scores := score(t, &LeastAllocated{}, makePod("new", "", ""), empty, busy)
	assert.Greater(t, scores["empty"], scores["busy"], "request-less pods piled onto one node: %v", scores)
}

// The per-resource score is the free share scaled to 0..100: never
// negative when a node is overcommitted, never a division by zero on a
// node with nothing allocatable, and multiplied before it is divided.
func TestLeastRequestedScore(t *testing.T) {
	tests := []struct {
		name                   string
		requested, allocatable int64
		want                   int64
	}{
		{"nothing requested", 0, 4000, 100},
		{"a quarter requested", 1000, 4000, 75},
		{"one third requested rounds down", 1000, 3000, 66},
		{"all requested", 4000, 4000, 0},
		{"overcommitted", 5000, 4000, 0},
		{"nothing allocatable", 100, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, leastRequestedScore(tt.requested, tt.allocatable), "%d requested of %d", tt.requested, tt.allocatable)
		})
	}
}

// BalancedAllocation prefers the node whose cpu and memory shares stay
// close: for a pod asking 1 CPU and 2Gi, a node ending at 50% cpu and 50%
// memory scores 100; one ending at 100% cpu and 37.5% memory scores 68
// (1 - |1 - 0.375| / 2).
func TestBalancedAllocationPrefersBalancedShares(t *testing.T) {
	balanced := nodeWith(makeNode("balanced", "4", "8Gi", 110), makePod("placed", "1", "2Gi"))
	cpuHeavy := nodeWith(makeNode("cpu-heavy", "4", "8Gi", 110), makePod("placed", "3", "1Gi"))

	scores := score(t, &BalancedAllocation{}, makePod("new", "1", "2Gi"), balanced, cpuHeavy)
	assert.Equal(t, map[string]int64{"balanced": 100, "cpu-heavy": 68}, scores, "the balanced node must score higher")
}

// BalancedAllocation judges the real requests, without the scoring
// defaults: a pod asking 0.5 CPU and no memory of a 1-CPU/1Gi node leaves
// shares of 0.5 and 0, scoring 75 (with the 200Mi default it would be
// 84).
func TestBalancedAllocationUsesRealRequests(t *testing.T) {
	node := nodeWith(makeNode("node-01", "1", "1Gi", 110))
	scores := score(t, &BalancedAllocation{}, makePod("cpu-only", "500m", ""), node)
	assert.Equal(t, int64(75), scores["node-01"])
}

// A pod requesting nothing changes no node's balance, so BalancedAllocation
// has nothing to say about it and scores every node the same (0), as
// kube-scheduler skips it for such pods. Scoring the nodes' current
// balance instead would send every request-less pod to the same, most
// balanced, node (kubernetes issue 129138).
func TestBalancedAllocationIgnoresRequestlessPods(t *testing.T) {
	balanced := nodeWith(makeNode("balanced", "4", "8Gi", 110), makePod("placed", "2", "4Gi"))
	lopsided := nodeWith(makeNode("lopsided", "4", "8Gi", 110), makePod("placed", "2", "1Gi"))

	scores := score(t, &BalancedAllocation{}, makePod("besteffort", "", ""), balanced, lopsided)
	assert.Equal(t, map[string]int64{"balanced": 0, "lopsided": 0}, scores, "a request-less pod was steered by the nodes' existing balance")
}

// normalize maps the highest raw score to 100 and the others in
// proportion (rounding down), or the other way round with reverse; when
// every score is 0 no node is better, so all get the same score.
func TestNormalize(t *testing.T) {
	tests := []struct {
		name    string
		raw     []int64
		reverse bool
		want    []int64
	}{
		{"proportional", []int64{0, 5, 10}, false, []int64{0, 50, 100}},
		{"rounds down", []int64{1, 3}, false, []int64{33, 100}},
		{"reversed", []int64{0, 5, 10}, true, []int64{100, 50, 0}},
		{"all zero", []int64{0, 0}, false, []int64{0, 0}},
		{"all zero reversed", []int64{0, 0}, true, []int64{100, 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scores := make([]framework.NodeScore, len(tt.raw))
			for i, s := range tt.raw {
				scores[i].Score = s
			}
			normalize(scores, tt.reverse)
			got := make([]int64, len(scores))
			for i, s := range scores {
				got[i] = s.Score
			}
			assert.Equal(t, tt.want, got)
		})
	}
}
