// This file teaches host ports: two pods on one node cannot both listen
// on the node's port 8080 (same protocol) unless they bind different
// addresses, and 0.0.0.0 is every address. It mirrors kube-scheduler's
// NodePorts plugin.

package plugins

import (
	"context"

	corev1 "k8s.io/api/core/v1"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
)

// ErrReasonPorts is kube-scheduler's reason.
const ErrReasonPorts = "node(s) didn't have free ports for the requested pod ports"

// NodePorts filters out nodes where a host port the pod wants is taken.
type NodePorts struct{}

func (*NodePorts) Name() string { return "NodePorts" }

// PreFilter lists the pod's host ports once.
func (pl *NodePorts) PreFilter(_ context.Context, state *framework.CycleState, pod *corev1.Pod) *framework.Status {
	state.Write(pl.Name(), framework.PodHostPorts(pod))
	return nil
}

// Filter refuses the node if any wanted port conflicts with a used one.
// Unschedulable, not unresolvable: the port is freed when its pod leaves.
func (pl *NodePorts) Filter(_ context.Context, state *framework.CycleState, pod *corev1.Pod, n *framework.NodeInfo) *framework.Status {
	wanted, ok := state.Read(pl.Name()).([]framework.HostPort)
	if !ok {
		wanted = framework.PodHostPorts(pod)
	}
	for _, want := range wanted {
		for used := range n.UsedPorts {
			if portsConflict(want, used) {
				return framework.NewStatus(framework.Unschedulable, ErrReasonPorts)
			}
		}
	}
	return nil
}

// portsConflict: same protocol and port, and the addresses overlap.
func portsConflict(a, b framework.HostPort) bool {
	if a.Port != b.Port || a.Protocol != b.Protocol {
		return false
	}
	return a.IP == b.IP || a.IP == "0.0.0.0" || b.IP == "0.0.0.0"
}
