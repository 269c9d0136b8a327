// This file teaches what the scheduler knows about a node: the node itself
// and the pods placed on it (bound, or assumed on their way), summed into
// what is requested and which host ports are taken. It mirrors
// framework.NodeInfo in kube-scheduler.

package framework

import (
	corev1 "k8s.io/api/core/v1"
)

// HostPort is one host port a pod takes on its node.
type HostPort struct {
	IP       string // "0.0.0.0" when the pod did not name one: every address
	Protocol corev1.Protocol
	Port     int32
}

// PodInfo is a pod with its requests worked out once, when it is placed.
type PodInfo struct {
	Pod             *corev1.Pod
	Requests        Resource
	NonZeroRequests Resource
	HostPorts       []HostPort
}

// NewPodInfo works out pod's requests and host ports.
func NewPodInfo(pod *corev1.Pod) *PodInfo {
	return &PodInfo{
		Pod:             pod,
		Requests:        PodRequests(pod),
		NonZeroRequests: NonZeroPodRequests(pod),
		HostPorts:       PodHostPorts(pod),
	}
}

// PodHostPorts lists the host ports pod's containers ask for.
func PodHostPorts(pod *corev1.Pod) []HostPort {
	var ports []HostPort
	for _, c := range pod.Spec.Containers {
		for _, p := range c.Ports {
			if p.HostPort <= 0 {
				continue
			}
			hp := HostPort{IP: p.HostIP, Protocol: p.Protocol, Port: p.HostPort}
			if hp.IP == "" {
				hp.IP = "0.0.0.0"
			}
			if hp.Protocol == "" {
				hp.Protocol = corev1.ProtocolTCP
			}
			ports = append(ports, hp)
		}
	}
	return ports
}

// NodeInfo is a node and what is placed on it. A NodeInfo in a snapshot is
// read-only; the scheduler's cache owns the others and changes them under
// its lock. Node is nil while pods are known on a node the cache has not
// seen (yet, or any more).
type NodeInfo struct {
	Node *corev1.Node
	Pods []*PodInfo
	// Allocatable is what the node offers pods (status.allocatable).
	Allocatable Resource
	// Requested sums the placed pods' requests (for filters);
	// NonZeroRequested the same with the scoring defaults (for scores).
	Requested        Resource
	NonZeroRequested Resource
	UsedPorts        map[HostPort]int // how many placed pods use each
	// Generation increases with every change, so a snapshot can copy only
	// the nodes that changed since it was last updated.
	Generation int64
}

// NewNodeInfo returns the NodeInfo of node with nothing placed on it.
func NewNodeInfo(node *corev1.Node) *NodeInfo {
	n := &NodeInfo{UsedPorts: map[HostPort]int{}}
	n.SetNode(node)
	return n
}

// Name is the node's name ("" while Node is nil).
func (n *NodeInfo) Name() string {
	if n.Node == nil {
		return ""
	}
	return n.Node.Name
}

// SetNode records the node's newest state.
func (n *NodeInfo) SetNode(node *corev1.Node) {
	n.Node = node
	n.Allocatable = Resource{}
	if node != nil {
		n.Allocatable = NewResource(node.Status.Allocatable)
	}
}

// AddPod places p on the node.
func (n *NodeInfo) AddPod(p *PodInfo) {
	n.Pods = append(n.Pods, p)
	n.Requested.Add(p.Requests)
	n.NonZeroRequested.Add(p.NonZeroRequests)
	for _, hp := range p.HostPorts {
		n.UsedPorts[hp]++
	}
}

// RemovePod takes the pod with pod's UID off the node, and reports whether
// it was there.
func (n *NodeInfo) RemovePod(pod *corev1.Pod) bool {
	for i, p := range n.Pods {
		if p.Pod.UID != pod.UID {
			continue
		}
		n.Pods = append(n.Pods[:i:i], n.Pods[i+1:]...)
		n.Requested.Sub(p.Requests)
		n.NonZeroRequested.Sub(p.NonZeroRequests)
		for _, hp := range p.HostPorts {
			if n.UsedPorts[hp]--; n.UsedPorts[hp] <= 0 {
				delete(n.UsedPorts, hp)
			}
		}
		return true
	}
	return false
}

// Clone returns a copy that shares no slices or maps with n (the pods
// themselves are shared: nobody modifies them).
func (n *NodeInfo) Clone() *NodeInfo {
	c := *n
	c.Pods = append([]*PodInfo(nil), n.Pods...)
	c.UsedPorts = make(map[HostPort]int, len(n.UsedPorts))
	for hp, count := range n.UsedPorts {
		c.UsedPorts[hp] = count
	}
	return &c
}
