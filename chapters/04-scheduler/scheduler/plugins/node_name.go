// This file teaches the simplest filter: a pod that names its node
// (spec.nodeName) fits only there. The scheduler never queues such pods
// (they are bound already); the filter is here for completeness, as in
// kube-scheduler's NodeName plugin.

package plugins

import (
	"context"

	corev1 "k8s.io/api/core/v1"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
)

// ErrReasonNodeName is kube-scheduler's reason.
const ErrReasonNodeName = "node(s) didn't match the requested node name"

// NodeName filters out every node but the one the pod names.
type NodeName struct{}

func (*NodeName) Name() string { return "NodeName" }

// Filter passes when pod names no node or names this one.
func (*NodeName) Filter(_ context.Context, _ *framework.CycleState, pod *corev1.Pod, n *framework.NodeInfo) *framework.Status {
	if pod.Spec.NodeName == "" || pod.Spec.NodeName == n.Name() {
		return nil
	}
	return framework.NewStatus(framework.UnschedulableAndUnresolvable, ErrReasonNodeName)
}
