package plugins

import (
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
)

// withHostPort adds a container port bound to the node's hostIP:hostPort
// (hostIP "" is every address, protocol "" is TCP).
func withHostPort(pod *corev1.Pod, hostIP string, port int32, protocol corev1.Protocol) *corev1.Pod {
	c := &pod.Spec.Containers[0]
	c.Ports = append(c.Ports, corev1.ContainerPort{ContainerPort: 80, HostPort: port, HostIP: hostIP, Protocol: protocol})
	return pod
}

// Two pods conflict on a node only when they want the same port and
// protocol on overlapping addresses, where 0.0.0.0 (or no hostIP)
// overlaps every address. Getting it wrong either fails the second
// container at start ("address already in use") or keeps pods off nodes
// where they fit.
func TestNodePortsConflicts(t *testing.T) {
	tests := []struct {
		name       string
		usedIP     string
		usedProto  corev1.Protocol
		usedPort   int32
		wantIP     string
		wantProto  corev1.Protocol
		wantPort   int32
		conflicted bool
	}{
		{"same port, protocol and IP", "10.0.0.1", corev1.ProtocolTCP, 8080, "10.0.0.1", corev1.ProtocolTCP, 8080, true},
		{"same port, both on every address", "", "", 8080, "", "", 8080, true},
		{"no protocol means TCP", "", corev1.ProtocolTCP, 8080, "", "", 8080, true},
		{"0.0.0.0 wanted, one IP used", "10.0.0.1", corev1.ProtocolTCP, 8080, "0.0.0.0", corev1.ProtocolTCP, 8080, true},
		{"one IP wanted, 0.0.0.0 used", "", corev1.ProtocolTCP, 8080, "10.0.0.1", corev1.ProtocolTCP, 8080, true},
		{"different IPs", "10.0.0.1", corev1.ProtocolTCP, 8080, "10.0.0.2", corev1.ProtocolTCP, 8080, false},
		{"different protocols", "", corev1.ProtocolTCP, 8080, "", corev1.ProtocolUDP, 8080, false},
		{"different ports", "", corev1.ProtocolTCP, 8080, "", corev1.ProtocolTCP, 8081, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			used := withHostPort(makePod("used", "", ""), tt.usedIP, tt.usedPort, tt.usedProto)
			node := nodeWith(makeNode("node-01", "4", "8Gi", 110), used)
			want := withHostPort(makePod("want", "", ""), tt.wantIP, tt.wantPort, tt.wantProto)

			st := filter(t, &NodePorts{}, want, node)
			if !tt.conflicted {
				assert.True(t, st.IsSuccess(), "%s:%d/%s was refused though only %s:%d/%s is taken", tt.wantIP, tt.wantPort, tt.wantProto, tt.usedIP, tt.usedPort, tt.usedProto)
				return
			}
			assert.Equal(t, []string{"node(s) didn't have free ports for the requested pod ports"}, st.Reasons(),
				"%s:%d/%s was let onto a node where %s:%d/%s is taken", tt.wantIP, tt.wantPort, tt.wantProto, tt.usedIP, tt.usedPort, tt.usedProto)
			assert.Equal(t, framework.Unschedulable, st.Code(), "the port is freed when its pod leaves")
		})
	}
}

// Only host ports count: two pods with the same containerPort and no
// hostPort do not conflict; and a port is free again once its pod has
// left the node.
func TestNodePortsOnlyHostPortsAndFreedOnRemove(t *testing.T) {
	plain := makePod("plain", "", "")
	plain.Spec.Containers[0].Ports = []corev1.ContainerPort{{ContainerPort: 8080}}
	node := nodeWith(makeNode("node-01", "4", "8Gi", 110), plain)
	again := makePod("again", "", "")
	again.Spec.Containers[0].Ports = []corev1.ContainerPort{{ContainerPort: 8080}}
	assert.True(t, filter(t, &NodePorts{}, again, node).IsSuccess(), "container ports without hostPort were treated as taken")

	holder := withHostPort(makePod("holder", "", ""), "", 8080, "")
	node.AddPod(framework.NewPodInfo(holder))
	want := withHostPort(makePod("want", "", ""), "", 8080, "")
	assert.False(t, filter(t, &NodePorts{}, want, node).IsSuccess(), "hostPort 8080 was handed out twice")

	node.RemovePod(holder)
	assert.True(t, filter(t, &NodePorts{}, want, node).IsSuccess(), "hostPort 8080 stayed taken after its pod left")
}
