// This file teaches taints and tolerations: a node's taint keeps off every
// pod that does not tolerate it. NoSchedule (and NoExecute) taints are hard
// rules for the filter; PreferNoSchedule taints only lower a node's score.
// It mirrors kube-scheduler's TaintToleration plugin and
// Toleration.ToleratesTaint in k8s.io/api.

package plugins

import (
	"context"

	corev1 "k8s.io/api/core/v1"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
)

// TaintToleration filters on NoSchedule taints and scores PreferNoSchedule.
type TaintToleration struct{}

func (*TaintToleration) Name() string { return "TaintToleration" }

// Filter refuses a node with a NoSchedule or NoExecute taint that none of
// pod's tolerations matches; the reason names the first such taint.
func (*TaintToleration) Filter(_ context.Context, _ *framework.CycleState, pod *corev1.Pod, n *framework.NodeInfo) *framework.Status {
	for i := range n.Node.Spec.Taints {
		t := &n.Node.Spec.Taints[i]
		if t.Effect != corev1.TaintEffectNoSchedule && t.Effect != corev1.TaintEffectNoExecute {
			continue
		}
		if !toleratesTaint(pod.Spec.Tolerations, t) {
			return framework.NewStatus(framework.UnschedulableAndUnresolvable, ErrReasonUntoleratedTaint)
		}
	}
	return nil
}

// Score counts the PreferNoSchedule taints pod does not tolerate (fewer is
// better; NormalizeScore turns the count around).
func (*TaintToleration) Score(_ context.Context, _ *framework.CycleState, pod *corev1.Pod, n *framework.NodeInfo) (int64, *framework.Status) {
	var count int64
	for i := range n.Node.Spec.Taints {
		t := &n.Node.Spec.Taints[i]
		if t.Effect == corev1.TaintEffectPreferNoSchedule && !toleratesTaint(pod.Spec.Tolerations, t) {
			count++
		}
	}
	return count, nil
}

// NormalizeScore maps the fewest untolerated taints to MaxNodeScore and
// the most to 0.
func (*TaintToleration) NormalizeScore(_ context.Context, _ *framework.CycleState, _ *corev1.Pod, scores []framework.NodeScore) *framework.Status {
	normalize(scores, true)
	return nil
}

// toleratesTaint reports whether one of tolerations matches t.
func toleratesTaint(tolerations []corev1.Toleration, t *corev1.Taint) bool {
	for i := range tolerations {
		if tolerationMatches(&tolerations[i], t) {
			return true
		}
	}
	return false
}

// tolerationMatches is Kubernetes' matching rule for one toleration.
func tolerationMatches(tol *corev1.Toleration, t *corev1.Taint) bool {
	// TODO(chapter 4): write toleration-matches.
	// Hint: an empty effect in the toleration matches every effect; otherwise the effects must be equal
	// Hint: an empty key with operator Exists matches every taint (the "tolerate everything" toleration)
	// Hint: otherwise the keys must be equal; operator Exists then ignores the value, and Equal (also the default, "") needs equal values
	panic("TODO(chapter 4): toleration-matches is not written yet (see chapters/04-scheduler/README.md)")
}
