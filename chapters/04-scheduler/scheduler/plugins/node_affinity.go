// This file teaches how a pod chooses nodes by their labels: nodeSelector
// (every label must match), required node affinity (any one term must
// match), and preferred node affinity (each matching term adds its weight
// to the node's score). It mirrors kube-scheduler's NodeAffinity plugin
// and the matching rules of k8s.io/component-helpers' nodeaffinity.

package plugins

import (
	"context"

	corev1 "k8s.io/api/core/v1"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
)

// ErrReasonPod is kube-scheduler's reason for a node the pod's nodeSelector
// or required affinity rules out.
const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector"

// NodeAffinity filters on nodeSelector and required affinity, and scores
// preferred affinity.
type NodeAffinity struct{}

func (*NodeAffinity) Name() string { return "NodeAffinity" }

// Filter passes a node that matches both pod's nodeSelector and, if set,
// its required node affinity.
func (*NodeAffinity) Filter(_ context.Context, _ *framework.CycleState, pod *corev1.Pod, n *framework.NodeInfo) *framework.Status {
	if !matchesNodeSelector(pod.Spec.NodeSelector, n.Node) || !matchesRequiredAffinity(pod, n.Node) {
		return framework.NewStatus(framework.UnschedulableAndUnresolvable, ErrReasonPod)
	}
	return nil
}

// Score sums the weights of the preferred terms node matches.
func (*NodeAffinity) Score(_ context.Context, _ *framework.CycleState, pod *corev1.Pod, n *framework.NodeInfo) (int64, *framework.Status) {
	a := pod.Spec.Affinity
	if a == nil || a.NodeAffinity == nil {
		return 0, nil
	}
	var sum int64
	for _, pref := range a.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution {
		if pref.Weight != 0 && matchesTerm(&pref.Preference, n.Node) {
			sum += int64(pref.Weight)
		}
	}
	return sum, nil
}

// NormalizeScore scales the sums so the best node gets MaxNodeScore.
func (*NodeAffinity) NormalizeScore(_ context.Context, _ *framework.CycleState, _ *corev1.Pod, scores []framework.NodeScore) *framework.Status {
	normalize(scores, false)
	return nil
}

// matchesNodeSelector: every key=value of selector is a label of node.
func matchesNodeSelector(selector map[string]string, node *corev1.Node) bool {
	for k, v := range selector {
		if got, ok := node.Labels[k]; !ok || got != v {
			return false
		}
	}
	return true
}

// matchesRequiredAffinity: no required affinity, or one of its terms
// matches (the terms are ORed).
func matchesRequiredAffinity(pod *corev1.Pod, node *corev1.Node) bool {
	a := pod.Spec.Affinity
	if a == nil || a.NodeAffinity == nil || a.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution == nil {
		return true
	}
	for i, terms := 0, a.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms; i < len(terms); i++ {
		if matchesTerm(&terms[i], node) {
			return true
		}
	}
	return false
}

// matchesTerm: every expression and field requirement of term holds (they
// are ANDed). A term with neither matches no node.
func matchesTerm(term *corev1.NodeSelectorTerm, node *corev1.Node) bool {
	// TODO(chapter 4): write node-affinity-term.
	// Hint: the requirements of one term are ANDed: every matchExpression (on labels) and every matchField (only metadata.name exists) must hold
	// Hint: an empty term matches nothing, not everything (Kubernetes' rule: "an empty term matches no objects")
	panic("TODO(chapter 4): node-affinity-term is not written yet (see chapters/04-scheduler/README.md)")
}
