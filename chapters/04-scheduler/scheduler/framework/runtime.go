// This file teaches how the framework runs the plugins for one pod: every
// PreFilter once, the filters node by node until one says no, then the
// scores of the nodes left, normalized and weighted. It mirrors
// frameworkImpl in kube-scheduler (pkg/scheduler/framework/runtime).

package framework

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
)

// WeightedScorer is a score plugin with its weight in the total.
type WeightedScorer struct {
	Plugin ScorePlugin
	Weight int64
}

// Framework is one scheduling profile: the plugins, in order. It holds no
// state of its own, so one Framework serves every cycle.
type Framework struct {
	PreFilters []PreFilterPlugin
	Filters    []FilterPlugin
	Scorers    []WeightedScorer
}

// RunPreFilters runs every PreFilter; the first that fails ends the run.
func (f *Framework) RunPreFilters(ctx context.Context, state *CycleState, pod *corev1.Pod) *Status {
	for _, pl := range f.PreFilters {
		if s := pl.PreFilter(ctx, state, pod); !s.IsSuccess() {
			return s
		}
	}
	return nil
}

// RunFilters runs the filters on one node and returns the first failure:
// like kube-scheduler, a node reports one plugin's reasons, not all.
func (f *Framework) RunFilters(ctx context.Context, state *CycleState, pod *corev1.Pod, node *NodeInfo) *Status {
	for _, pl := range f.Filters {
		if s := pl.Filter(ctx, state, pod, node); !s.IsSuccess() {
			return s
		}
	}
	return nil
}

// RunScores scores nodes with every score plugin, normalizes each plugin's
// scores and returns each node's weighted total, in nodes' order.
func (f *Framework) RunScores(ctx context.Context, state *CycleState, pod *corev1.Pod, nodes []*NodeInfo) ([]NodeScore, error) {
	totals := make([]NodeScore, len(nodes))
	for i, n := range nodes {
		totals[i].Name = n.Name()
	}
	scores := make([]NodeScore, len(nodes))
	for _, ws := range f.Scorers {
		if err := f.runScorer(ctx, state, pod, nodes, ws.Plugin, scores); err != nil {
			return nil, err
		}
		for i := range scores {
			totals[i].Score += scores[i].Score * ws.Weight
		}
	}
	return totals, nil
}

// runScorer fills scores with one plugin's normalized scores.
func (f *Framework) runScorer(ctx context.Context, state *CycleState, pod *corev1.Pod, nodes []*NodeInfo, pl ScorePlugin, scores []NodeScore) error {
	for i, n := range nodes {
		score, s := pl.Score(ctx, state, pod, n)
		if !s.IsSuccess() {
			return fmt.Errorf("plugin %s scoring node %s: %w", pl.Name(), n.Name(), s.AsError())
		}
		scores[i] = NodeScore{Name: n.Name(), Score: score}
	}
	if norm, ok := pl.(ScoreNormalizer); ok {
		if s := norm.NormalizeScore(ctx, state, pod, scores); !s.IsSuccess() {
			return fmt.Errorf("plugin %s normalizing scores: %w", pl.Name(), s.AsError())
		}
	}
	for _, sc := range scores {
		if sc.Score < 0 || sc.Score > MaxNodeScore {
			return fmt.Errorf("plugin %s gave node %s the score %d, outside 0..%d", pl.Name(), sc.Name, sc.Score, MaxNodeScore)
		}
	}
	return nil
}
