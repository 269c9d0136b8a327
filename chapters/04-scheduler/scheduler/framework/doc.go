// Package framework is the scheduler's plugin framework: what a plugin is,
// what it is told about a node, and how its answers are combined. It
// mirrors the scheduling framework of kube-scheduler
// (k8s.io/kubernetes/pkg/scheduler/framework), cut to the extension points
// the teaching scheduler uses:
//
//	PreFilter (optional) → Filter (every node) → Score (+ normalize) on the nodes that passed
//
// The framework promises:
//
//   - Plugins see a snapshot: a NodeInfo does not change while a pod is
//     being scheduled, so plugins need no locks and every node is judged on
//     the same state.
//   - Filters are all-or-nothing: a node passes only if every filter says
//     Success; the first failure is the node's Status (its reasons are what
//     the FailedScheduling event counts).
//   - Scores are comparable: each score plugin's results are normalized to
//     0..MaxNodeScore, then multiplied by the plugin's weight and summed.
//   - Deterministic: nothing here is random or depends on map order.
package framework
