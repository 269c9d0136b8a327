// This file teaches the shape of a scheduler plugin: one small interface
// per extension point, so that each rule (resources, taints, affinity) is
// a plugin of its own. It mirrors the plugin interfaces of kube-scheduler's
// framework (PreFilterPlugin, FilterPlugin, ScorePlugin, ScoreExtensions).

package framework

import (
	"context"

	corev1 "k8s.io/api/core/v1"
)

// MaxNodeScore is the best score a node can get from one plugin after
// normalizing (kube-scheduler's framework.MaxNodeScore).
const MaxNodeScore int64 = 100

// Plugin is anything with a name; the name is what logs and statuses use.
type Plugin interface {
	Name() string
}

// PreFilterPlugin runs once per pod before any Filter, to work out what
// every node's Filter would otherwise recompute (the pod's requests, its
// host ports) and store it in the CycleState.
type PreFilterPlugin interface {
	Plugin
	PreFilter(ctx context.Context, state *CycleState, pod *corev1.Pod) *Status
}

// FilterPlugin decides whether pod may run on a node. It must not modify
// node, and must answer from node and state alone (no API calls): it runs
// once per node per pod, 500 times for one pod on 500 nodes.
type FilterPlugin interface {
	Plugin
	Filter(ctx context.Context, state *CycleState, pod *corev1.Pod, node *NodeInfo) *Status
}

// ScorePlugin ranks a node that passed every filter; higher is better.
type ScorePlugin interface {
	Plugin
	Score(ctx context.Context, state *CycleState, pod *corev1.Pod, node *NodeInfo) (int64, *Status)
}

// ScoreNormalizer is implemented by score plugins whose raw scores are not
// already 0..MaxNodeScore (a sum of affinity weights, a count of taints):
// NormalizeScore rewrites scores in place.
type ScoreNormalizer interface {
	NormalizeScore(ctx context.Context, state *CycleState, pod *corev1.Pod, scores []NodeScore) *Status
}

// NodeScore is one node's score.
type NodeScore struct {
	Name  string
	Score int64
}

// CycleState carries what PreFilter plugins computed to the Filter and
// Score calls of the same pod. One per scheduling cycle; written only by
// PreFilter, read by the rest, all from the scheduling goroutine.
type CycleState struct {
	data map[string]any
}

// NewCycleState returns an empty CycleState.
func NewCycleState() *CycleState { return &CycleState{data: map[string]any{}} }

// Write stores v under key (by convention the plugin's name).
func (c *CycleState) Write(key string, v any) { c.data[key] = v }

// Read returns what was stored under key, or nil.
func (c *CycleState) Read(key string) any { return c.data[key] }
