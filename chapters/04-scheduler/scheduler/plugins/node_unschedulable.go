// This file teaches what `kubectl cordon` does to scheduling: a node with
// spec.unschedulable takes no new pods, unless a pod tolerates the
// node.kubernetes.io/unschedulable taint (DaemonSet pods do). It mirrors
// kube-scheduler's NodeUnschedulable plugin, plus one rule of its own: a
// node whose Ready condition is known to be False (or Unknown) is refused
// as if it carried the node.kubernetes.io/not-ready (or unreachable)
// NoSchedule taint, which the node lifecycle controller (not built yet in
// this course) would put on it.

package plugins

import (
	"context"

	corev1 "k8s.io/api/core/v1"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
)

// ErrReasonUnschedulable is kube-scheduler's reason for a cordoned node.
const ErrReasonUnschedulable = "node(s) were unschedulable"

// NodeUnschedulable filters out cordoned and not-ready nodes.
type NodeUnschedulable struct{}

func (*NodeUnschedulable) Name() string { return "NodeUnschedulable" }

// Filter refuses a cordoned node, and a node not Ready, unless pod
// tolerates the matching taint.
func (*NodeUnschedulable) Filter(_ context.Context, _ *framework.CycleState, pod *corev1.Pod, n *framework.NodeInfo) *framework.Status {
	node := n.Node
	cordon := corev1.Taint{Key: corev1.TaintNodeUnschedulable, Effect: corev1.TaintEffectNoSchedule}
	if node.Spec.Unschedulable && !toleratesTaint(pod.Spec.Tolerations, &cordon) {
		return framework.NewStatus(framework.UnschedulableAndUnresolvable, ErrReasonUnschedulable)
	}
	if notReady := readinessTaint(node); notReady != nil && !toleratesTaint(pod.Spec.Tolerations, notReady) {
		return framework.NewStatus(framework.UnschedulableAndUnresolvable, ErrReasonUntoleratedTaint)
	}
	return nil
}

// readinessTaint is the NoSchedule taint the node lifecycle controller
// puts on a node that is not Ready: not-ready when it reports Ready False,
// unreachable when its Ready is Unknown (the kubelet stopped reporting).
// It is nil for a Ready node, and for one with no conditions yet, which
// gets the benefit of the doubt, as kube-scheduler gives it until a
// controller taints the node.
func readinessTaint(node *corev1.Node) *corev1.Taint {
	for _, c := range node.Status.Conditions {
		if c.Type != corev1.NodeReady {
			continue
		}
		switch c.Status {
		case corev1.ConditionTrue:
			return nil
		case corev1.ConditionFalse:
			return &corev1.Taint{Key: corev1.TaintNodeNotReady, Effect: corev1.TaintEffectNoSchedule}
		default:
			return &corev1.Taint{Key: corev1.TaintNodeUnreachable, Effect: corev1.TaintEffectNoSchedule}
		}
	}
	return nil
}

// ErrReasonUntoleratedTaint is kube-scheduler v1.37's reason for a taint
// no toleration matches. It names no taint: a taint's key and value can
// say more about a node than every user who reads pod events may know.
const ErrReasonUntoleratedTaint = "node(s) had untolerated taint(s)"
