// This file teaches the score that keeps a node's resources in step: a
// node where the pod would leave cpu 90% used and memory 10% used strands
// memory no cpu-hungry pod can use, so nodes whose cpu and memory shares
// stay close score better. It mirrors kube-scheduler's
// NodeResourcesBalancedAllocation plugin (the standard deviation of the
// shares; with two resources, half their difference).

package plugins

import (
	"context"
	"math"

	corev1 "k8s.io/api/core/v1"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
)

// BalancedAllocation scores nodes by how close their cpu and memory
// shares would be.
type BalancedAllocation struct{}

func (*BalancedAllocation) Name() string { return "NodeResourcesBalancedAllocation" }

// Score is (1 - |cpuShare - memoryShare| / 2) * MaxNodeScore, with the
// pod's real requests (no scoring defaults), as kube-scheduler does. A pod
// that requests nothing changes no node's balance: every node scores 0,
// as kube-scheduler skips the plugin for it (else the most balanced node
// would win every such pod).
func (*BalancedAllocation) Score(_ context.Context, state *framework.CycleState, pod *corev1.Pod, n *framework.NodeInfo) (int64, *framework.Status) {
	req := podResourcesOf(state, pod).requests
	if req.MilliCPU == 0 && req.Memory == 0 {
		return 0, nil
	}
	cpu := share(n.Requested.MilliCPU+req.MilliCPU, n.Allocatable.MilliCPU)
	memory := share(n.Requested.Memory+req.Memory, n.Allocatable.Memory)
	std := math.Abs(cpu-memory) / 2
	return int64((1 - std) * float64(framework.MaxNodeScore)), nil
}

// share is requested/allocatable, at most 1 (1 when nothing is allocatable).
func share(requested, allocatable int64) float64 {
	if allocatable == 0 {
		return 1
	}
	return math.Min(1, float64(requested)/float64(allocatable))
}
