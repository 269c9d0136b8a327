// Package plugins holds the teaching scheduler's filter and score plugins,
// one file each, named and worded as kube-scheduler's in-tree plugins
// (k8s.io/kubernetes/pkg/scheduler/framework/plugins) so that the reasons
// in a FailedScheduling event read the same.
//
// Every plugin promises:
//
//   - Pure: it answers from the pod, the NodeInfo and the CycleState alone,
//     modifies none of them outside PreFilter's CycleState, and is safe to
//     call for many nodes one after another.
//   - Worded as Kubernetes: its reasons are kube-scheduler v1.37's.
//   - Honest codes: Unschedulable only when a change on the node (pods
//     leaving) could make the pod fit, UnschedulableAndUnresolvable
//     otherwise.
package plugins

import "github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"

// Default returns the default profile: kube-scheduler's filters in its
// order, and its default score weights (TaintToleration 3, NodeAffinity 2,
// NodeResourcesFit 1, NodeResourcesBalancedAllocation 1).
func Default() *framework.Framework {
	fit, ports, taints, affinity := &NodeResourcesFit{}, &NodePorts{}, &TaintToleration{}, &NodeAffinity{}
	return &framework.Framework{
		PreFilters: []framework.PreFilterPlugin{fit, ports},
		Filters: []framework.FilterPlugin{
			&NodeUnschedulable{}, &NodeName{}, taints, affinity, ports, fit,
		},
		Scorers: []framework.WeightedScorer{
			{Plugin: taints, Weight: 3},
			{Plugin: affinity, Weight: 2},
			{Plugin: &LeastAllocated{}, Weight: 1},
			{Plugin: &BalancedAllocation{}, Weight: 1},
		},
	}
}
