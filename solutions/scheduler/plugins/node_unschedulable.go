// This file teaches what `kubectl cordon` does to scheduling: a node with
// spec.unschedulable takes no new pods, unless a pod tolerates the
// node.kubernetes.io/unschedulable taint (DaemonSet pods do). It mirrors
// kube-scheduler's NodeUnschedulable plugin, plus one rule of its own: a
// node whose Ready condition is known to be False or Unknown is refused as
// if it carried the node.kubernetes.io/not-ready taint, which the node
// lifecycle controller (not built yet in this course) would put on it.

package plugins

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"

	"github.com/kubeling/kubeling/solutions/scheduler/framework"
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
	notReady := corev1.Taint{Key: corev1.TaintNodeNotReady, Effect: corev1.TaintEffectNoSchedule}
	if !nodeMaybeReady(node) && !toleratesTaint(pod.Spec.Tolerations, &notReady) {
		return framework.NewStatus(framework.UnschedulableAndUnresolvable, untoleratedTaintReason(&notReady))
	}
	return nil
}

// nodeMaybeReady is false only when the node reports Ready False or
// Unknown: a node with no conditions yet gets the benefit of the doubt, as
// kube-scheduler gives it until a controller taints the node.
func nodeMaybeReady(node *corev1.Node) bool {
	for _, c := range node.Status.Conditions {
		if c.Type == corev1.NodeReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return true
}

// untoleratedTaintReason is kube-scheduler's reason for a taint no
// toleration matches: "node(s) had untolerated taint {key: value}".
func untoleratedTaintReason(t *corev1.Taint) string {
	return fmt.Sprintf("node(s) had untolerated taint {%s: %s}", t.Key, t.Value)
}
