package framework

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
)

// fakeFilter answers with status and records every call in calls.
type fakeFilter struct {
	name   string
	status *Status
	calls  *[]string
}

func (f *fakeFilter) Name() string { return f.name }

func (f *fakeFilter) PreFilter(_ context.Context, _ *CycleState, _ *corev1.Pod) *Status {
	*f.calls = append(*f.calls, "prefilter "+f.name)
	return f.status
}

func (f *fakeFilter) Filter(_ context.Context, _ *CycleState, _ *corev1.Pod, _ *NodeInfo) *Status {
	*f.calls = append(*f.calls, "filter "+f.name)
	return f.status
}

// fakeScorer gives each node the score in scores, by name, or fails with
// err.
type fakeScorer struct {
	name   string
	scores map[string]int64
	err    error
}

func (f *fakeScorer) Name() string { return f.name }

func (f *fakeScorer) Score(_ context.Context, _ *CycleState, _ *corev1.Pod, n *NodeInfo) (int64, *Status) {
	if f.err != nil {
		return 0, AsStatus(f.err)
	}
	return f.scores[n.Name()], nil
}

// doublingScorer normalizes by doubling, to show that normalizing
// happens before weighing.
type doublingScorer struct{ fakeScorer }

func (d *doublingScorer) NormalizeScore(_ context.Context, _ *CycleState, _ *corev1.Pod, scores []NodeScore) *Status {
	for i := range scores {
		scores[i].Score *= 2
	}
	return nil
}

func nodes(names ...string) []*NodeInfo {
	var out []*NodeInfo
	for _, name := range names {
		out = append(out, NewNodeInfo(makeNode(name, "4", "8Gi", 110)))
	}
	return out
}

// Filters run in order and the first that says no ends the node's run:
// its status is the node's (one plugin's reasons, as in kube-scheduler),
// and the filters after it are not asked.
func TestRunFiltersStopsAtFirstFailure(t *testing.T) {
	var calls []string
	f := &Framework{Filters: []FilterPlugin{
		&fakeFilter{name: "A", calls: &calls},
		&fakeFilter{name: "B", status: NewStatus(Unschedulable, "B says no"), calls: &calls},
		&fakeFilter{name: "C", status: NewStatus(Unschedulable, "C says no"), calls: &calls},
	}}
	st := f.RunFilters(context.Background(), NewCycleState(), makePod("p"), nodes("node-01")[0])
	assert.Equal(t, []string{"B says no"}, st.Reasons())
	assert.Equal(t, []string{"filter A", "filter B"}, calls, "filters after the first failure must not run")
}

// A node passes only if every filter passes.
func TestRunFiltersAllPass(t *testing.T) {
	var calls []string
	f := &Framework{Filters: []FilterPlugin{&fakeFilter{name: "A", calls: &calls}, &fakeFilter{name: "B", calls: &calls}}}
	st := f.RunFilters(context.Background(), NewCycleState(), makePod("p"), nodes("node-01")[0])
	assert.True(t, st.IsSuccess())
	assert.Equal(t, []string{"filter A", "filter B"}, calls)
}

// PreFilters run once per pod, in order; the first failure ends the run.
func TestRunPreFiltersStopsAtFirstFailure(t *testing.T) {
	var calls []string
	f := &Framework{PreFilters: []PreFilterPlugin{
		&fakeFilter{name: "A", status: AsStatus(errors.New("broken")), calls: &calls},
		&fakeFilter{name: "B", calls: &calls},
	}}
	st := f.RunPreFilters(context.Background(), NewCycleState(), makePod("p"))
	assert.Equal(t, Error, st.Code())
	assert.Equal(t, []string{"prefilter A"}, calls)
}

// Each node's total is the sum over score plugins of the normalized score
// times the plugin's weight, in the nodes' order: with weights 3 and 1, a
// node scored 10 (normalized to 20) and 50 totals 3*20 + 50 = 110.
func TestRunScoresNormalizesThenWeighs(t *testing.T) {
	f := &Framework{Scorers: []WeightedScorer{
		{Plugin: &doublingScorer{fakeScorer{name: "taints", scores: map[string]int64{"a": 10, "b": 50}}}, Weight: 3},
		{Plugin: &fakeScorer{name: "room", scores: map[string]int64{"a": 50, "b": 0}}, Weight: 1},
	}}
	totals, err := f.RunScores(context.Background(), NewCycleState(), makePod("p"), nodes("a", "b"))
	require.NoError(t, err)
	assert.Equal(t, []NodeScore{{Name: "a", Score: 3*20 + 50}, {Name: "b", Score: 3 * 100}}, totals)
}

// A score plugin's failure, or a score outside 0..100 after normalizing,
// is an error naming the plugin: an unnormalized sum would silently
// outweigh every other plugin.
func TestRunScoresRejectsFailuresAndOutOfRangeScores(t *testing.T) {
	ctx, pod := context.Background(), makePod("p")

	failing := &Framework{Scorers: []WeightedScorer{{Plugin: &fakeScorer{name: "broken", err: errors.New("boom")}, Weight: 1}}}
	_, err := failing.RunScores(ctx, NewCycleState(), pod, nodes("a"))
	assert.ErrorContains(t, err, "broken")

	tooHigh := &Framework{Scorers: []WeightedScorer{{Plugin: &fakeScorer{name: "sum", scores: map[string]int64{"a": 101}}, Weight: 1}}}
	_, err = tooHigh.RunScores(ctx, NewCycleState(), pod, nodes("a"))
	assert.ErrorContains(t, err, "sum")

	negative := &Framework{Scorers: []WeightedScorer{{Plugin: &fakeScorer{name: "neg", scores: map[string]int64{"a": -1}}, Weight: 1}}}
	_, err = negative.RunScores(ctx, NewCycleState(), pod, nodes("a"))
	assert.ErrorContains(t, err, "neg")
}

// CycleState carries what a PreFilter computed to the later calls of the
// same cycle; a new cycle starts empty.
func TestCycleState(t *testing.T) {
	s := NewCycleState()
	s.Write("NodePorts", []HostPort{{Port: 80}})
	assert.Equal(t, []HostPort{{Port: 80}}, s.Read("NodePorts"))
	assert.Nil(t, NewCycleState().Read("NodePorts"))
}
