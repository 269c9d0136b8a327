package plugins

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
)

// The default profile runs kube-scheduler's filters in its order (cheap,
// unresolvable checks first, so a node reports the reason that matters)
// and weighs the scores as kube-scheduler does: TaintToleration 3,
// NodeAffinity 2, the resource scores 1 each.
func TestDefaultProfile(t *testing.T) {
	fwk := Default()

	var preFilters, filters []string
	for _, pl := range fwk.PreFilters {
		preFilters = append(preFilters, pl.Name())
	}
	for _, pl := range fwk.Filters {
		filters = append(filters, pl.Name())
	}
	weights := map[string]int64{}
	for _, s := range fwk.Scorers {
		weights[s.Plugin.Name()] = s.Weight
	}

	assert.ElementsMatch(t, []string{"NodeResourcesFit", "NodePorts"}, preFilters)
	assert.Equal(t, []string{"NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity", "NodePorts", "NodeResourcesFit"}, filters)
	assert.Equal(t, map[string]int64{
		"TaintToleration":                 3,
		"NodeAffinity":                    2,
		"NodeResourcesLeastAllocated":     1,
		"NodeResourcesBalancedAllocation": 1,
	}, weights)
}

// failedScheduling runs fwk's PreFilters and Filters for pod on nodes and
// returns the FailedScheduling message, as the scheduler builds it when
// no node passes.
func failedScheduling(t *testing.T, fwk *framework.Framework, pod *corev1.Pod, nodes ...*framework.NodeInfo) string {
	t.Helper()
	ctx, state := context.Background(), framework.NewCycleState()
	require.True(t, fwk.RunPreFilters(ctx, state, pod).IsSuccess())
	statuses := map[string]*framework.Status{}
	for _, n := range nodes {
		st := fwk.RunFilters(ctx, state, pod, n)
		require.False(t, st.IsSuccess(), "node %s let the pod in", n.Name())
		statuses[n.Name()] = st
	}
	fitErr := &framework.FitError{Pod: pod, NumAllNodes: len(nodes), NodeToStatus: statuses}
	return fitErr.Error()
}

// The FailedScheduling message `kubectl describe pod` shows, end to end
// through the default profile, word for word as kube-scheduler v1.37
// writes it: learners compare it with the real cluster's.
func TestDefaultFailedSchedulingMessage(t *testing.T) {
	small := func(name string, kv ...string) *framework.NodeInfo {
		return nodeWith(withLabels(makeNode(name, "2", "4Gi", 110), kv...))
	}

	t.Run("too big for every node", func(t *testing.T) {
		msg := failedScheduling(t, Default(), makePod("huge", "5000", ""), small("node-01"), small("node-02"))
		assert.Equal(t, "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.", msg)
	})

	t.Run("reasons counted and sorted", func(t *testing.T) {
		pod := makePod("picky", "3", "")
		pod.Spec.NodeSelector = map[string]string{"zone": "a"}
		msg := failedScheduling(t, Default(), pod, small("node-01", "zone", "b"), small("node-02", "zone", "a"), small("node-03", "zone", "a"))
		assert.Equal(t, "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.", msg)
	})

	t.Run("evicting could help", func(t *testing.T) {
		busy := func(name string) *framework.NodeInfo {
			return nodeWith(makeNode(name, "4", "8Gi", 110), makePod("placed-on-"+name, "2", ""))
		}
		msg := failedScheduling(t, Default(), makePod("new", "3", ""), busy("node-01"), busy("node-02"))
		assert.Equal(t, "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.", msg)
	})

	t.Run("a node reports its first failing filter only", func(t *testing.T) {
		node := cordoned("node-01")
		node.Status.Allocatable = makeNode("", "2", "4Gi", 110).Status.Allocatable
		msg := failedScheduling(t, Default(), makePod("huge", "5000", ""), nodeWith(node))
		assert.Equal(t, "0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.", msg)
	})
}

// Through the whole default profile, the emptier of two otherwise equal
// nodes gets the higher weighted total, and a PreferNoSchedule taint
// (weight 3) outweighs the resource scores.
func TestDefaultScoresPreferEmptierAndUntaintedNodes(t *testing.T) {
	fwk := Default()
	ctx, state := context.Background(), framework.NewCycleState()
	pod := makePod("new", "1", "2Gi")
	require.True(t, fwk.RunPreFilters(ctx, state, pod).IsSuccess())

	empty := nodeWith(makeNode("empty", "4", "8Gi", 110))
	half := nodeWith(makeNode("half", "4", "8Gi", 110), makePod("placed", "2", "4Gi"))
	totals, err := fwk.RunScores(ctx, state, pod, []*framework.NodeInfo{empty, half})
	require.NoError(t, err)
	assert.Greater(t, totals[0].Score, totals[1].Score, "the emptier node must win: %v", totals)

	tainted := nodeWith(withTaints(makeNode("tainted", "4", "8Gi", 110), taint("spot", "", corev1.TaintEffectPreferNoSchedule)))
	totals, err = fwk.RunScores(ctx, state, pod, []*framework.NodeInfo{tainted, half})
	require.NoError(t, err)
	assert.Greater(t, totals[1].Score, totals[0].Score, "an empty node with an untolerated PreferNoSchedule taint beat a half-full clean one: %v", totals)
}
