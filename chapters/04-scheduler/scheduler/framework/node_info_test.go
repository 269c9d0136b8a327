package framework

import (
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
)

// A NodeInfo starts from the node's allocatable with nothing requested,
// and its name is the node's ("" while the node is unknown).
func TestNewNodeInfo(t *testing.T) {
	n := NewNodeInfo(makeNode("node-01", "2", "4Gi", 110))
	assert.Equal(t, "node-01", n.Name())
	assert.Equal(t, Resource{MilliCPU: 2000, Memory: 4 * gi, AllowedPodNumber: 110}, n.Allocatable)
	assert.Equal(t, Resource{}, n.Requested)
	assert.Empty(t, n.Pods)

	unknown := NewNodeInfo(nil)
	assert.Equal(t, "", unknown.Name())
	assert.Equal(t, Resource{}, unknown.Allocatable, "a node the cache has not seen offers nothing")
}

// Placing pods sums their requests (and, separately, their requests with
// the scoring defaults) and records their host ports; taking one off
// subtracts exactly what it added. A drift here would make a node look
// fuller or emptier with every pod that comes and goes.
func TestNodeInfoAddAndRemovePod(t *testing.T) {
	n := NewNodeInfo(makeNode("node-01", "4", "8Gi", 110))
	web := withHostPort(makePod("web", container("app", "1", "1Gi")), "", 8080, "")
	batch := makePod("batch", container("app", "", "2Gi"))

	n.AddPod(NewPodInfo(web))
	n.AddPod(NewPodInfo(batch))
	assert.Len(t, n.Pods, 2)
	assert.Equal(t, Resource{MilliCPU: 1000, Memory: 3 * gi}, n.Requested)
	assert.Equal(t, Resource{MilliCPU: 1000 + DefaultMilliCPURequest, Memory: 3 * gi}, n.NonZeroRequested)
	assert.Equal(t, map[HostPort]int{{IP: "0.0.0.0", Protocol: corev1.ProtocolTCP, Port: 8080}: 1}, n.UsedPorts)

	assert.True(t, n.RemovePod(web), "a placed pod was not found to remove")
	assert.Len(t, n.Pods, 1)
	assert.Equal(t, "batch", n.Pods[0].Pod.Name)
	assert.Equal(t, Resource{Memory: 2 * gi}, n.Requested)
	assert.Equal(t, Resource{MilliCPU: DefaultMilliCPURequest, Memory: 2 * gi}, n.NonZeroRequested)
	assert.Empty(t, n.UsedPorts, "a removed pod's host port stayed taken")

	assert.False(t, n.RemovePod(makePod("stranger")), "removing a pod that is not there reported success")
	assert.Len(t, n.Pods, 1)
}

// A NodeInfo does not refuse a second holder of a port (a pod bound by
// someone else can land there anyway), so UsedPorts counts holders: the
// port stays taken until the last of them leaves.
func TestNodeInfoUsedPortsAreCounted(t *testing.T) {
	n := NewNodeInfo(makeNode("node-01", "4", "8Gi", 110))
	a := withHostPort(makePod("a", container("app", "", "")), "10.0.0.1", 53, corev1.ProtocolUDP)
	b := withHostPort(makePod("b", container("app", "", "")), "10.0.0.1", 53, corev1.ProtocolUDP)
	port := HostPort{IP: "10.0.0.1", Protocol: corev1.ProtocolUDP, Port: 53}

	n.AddPod(NewPodInfo(a))
	n.AddPod(NewPodInfo(b))
	assert.Equal(t, 2, n.UsedPorts[port])
	n.RemovePod(a)
	assert.Equal(t, 1, n.UsedPorts[port], "the port was freed while b still holds it")
	n.RemovePod(b)
	assert.NotContains(t, n.UsedPorts, port)
}

// A clone shares no slice or map with its original: a snapshot must not
// change when the cache places a pod on the live NodeInfo afterwards.
func TestNodeInfoCloneIsIndependent(t *testing.T) {
	live := NewNodeInfo(makeNode("node-01", "4", "8Gi", 110))
	live.AddPod(NewPodInfo(withHostPort(makePod("a", container("app", "1", "")), "", 80, "")))
	snapshot := live.Clone()

	live.AddPod(NewPodInfo(withHostPort(makePod("b", container("app", "1", "")), "", 443, "")))
	live.RemovePod(makePod("a"))

	assert.Len(t, snapshot.Pods, 1, "the snapshot's pods changed with the live node's")
	assert.Equal(t, "a", snapshot.Pods[0].Pod.Name)
	assert.Equal(t, int64(1000), snapshot.Requested.MilliCPU)
	assert.Equal(t, map[HostPort]int{{IP: "0.0.0.0", Protocol: corev1.ProtocolTCP, Port: 80}: 1}, snapshot.UsedPorts, "the snapshot's ports changed with the live node's")
}

// Host ports as the scheduler records them: no hostIP means every
// address (0.0.0.0), no protocol means TCP, and a container port without
// a hostPort takes nothing on the node.
func TestPodHostPorts(t *testing.T) {
	pod := makePod("p", container("app", "", ""), container("dns", "", ""))
	pod.Spec.Containers[0].Ports = []corev1.ContainerPort{{ContainerPort: 8080}, {ContainerPort: 80, HostPort: 8000}}
	pod.Spec.Containers[1].Ports = []corev1.ContainerPort{{ContainerPort: 53, HostPort: 53, HostIP: "10.0.0.1", Protocol: corev1.ProtocolUDP}}

	assert.Equal(t, []HostPort{
		{IP: "0.0.0.0", Protocol: corev1.ProtocolTCP, Port: 8000},
		{IP: "10.0.0.1", Protocol: corev1.ProtocolUDP, Port: 53},
	}, PodHostPorts(pod))
}

// SetNode follows the node's newest allocatable, keeping what is placed.
func TestNodeInfoSetNode(t *testing.T) {
	n := NewNodeInfo(makeNode("node-01", "2", "4Gi", 110))
	n.AddPod(NewPodInfo(makePod("a", container("app", "1", ""))))
	n.SetNode(makeNode("node-01", "8", "16Gi", 250))
	assert.Equal(t, Resource{MilliCPU: 8000, Memory: 16 * gi, AllowedPodNumber: 250}, n.Allocatable)
	assert.Equal(t, int64(1000), n.Requested.MilliCPU, "placed pods were forgotten when the node was updated")
}
