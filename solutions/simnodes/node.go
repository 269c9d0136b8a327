// This file teaches what a node tells the cluster about itself: the Node
// object a kubelet registers (labels, addresses, spec.podCIDR) and the
// status it reports (capacity, allocatable, conditions, node info). It
// mirrors the kubelet's initialNode and its node status setters
// (pkg/kubelet/kubelet_node_status.go, pkg/kubelet/nodestatus) in
// Kubernetes v1.37, and kwok's default node.
//
// Addresses: block b (1 to 1,023) of 10.244.0.0/14 is the node's pod range
// 10.(244+b/256).(b%256).0/24, and the node's InternalIP is
// 127.1.(b/256).(b%256), a loopback address: nothing listens there, and
// nothing sent to it leaves the machine.

package simnodes

import (
	"fmt"
	"net/netip"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// simulatedAnnotation marks the nodes this package runs, as kwok marks its
// own with kwok.x-k8s.io/node: a reader of `kubectl describe node` is not
// misled into looking for a kubelet.
const simulatedAnnotation = "kubeling.dev/simulated-node"

// simNode is one simulated node. Set once at registration, then read-only:
// any goroutine may read it.
type simNode struct {
	name    string
	uid     types.UID // for the Lease's owner reference
	block   int       // which /24 of 10.244.0.0/14
	ip      netip.Addr
	podCIDR netip.Prefix
}

// newSimNode is node name on block b.
func newSimNode(name string, b int) *simNode {
	return &simNode{
		name:    name,
		block:   b,
		ip:      netip.AddrFrom4([4]byte{127, 1, byte(b / 256), byte(b % 256)}),
		podCIDR: netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(244 + b/256), byte(b % 256), 0}), 24),
	}
}

// blockOf says which block a podCIDR is, or fails for one this package
// did not hand out.
func blockOf(podCIDR string) (int, error) {
	p, err := netip.ParsePrefix(podCIDR)
	if err != nil {
		return 0, fmt.Errorf("parsing podCIDR %q: %w", podCIDR, err)
	}
	a := p.Addr().As4()
	if !p.Addr().Is4() || p.Bits() != 24 || a[0] != 10 || a[1] < 244 || a[1] > 247 || a[3] != 0 {
		return 0, fmt.Errorf("podCIDR %q is not a /24 of 10.244.0.0/14", podCIDR)
	}
	return int(a[1]-244)*256 + int(a[2]), nil
}

// object is the Node a kubelet would register for n.
func (n *simNode) object(o Options, now metav1.Time) *corev1.Node {
	return &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{
			Name: n.name,
			Labels: map[string]string{
				"kubernetes.io/hostname": n.name,
				"kubernetes.io/os":       "linux",
				"kubernetes.io/arch":     "amd64",
				// The kubelet still sets the beta labels in v1.37, for old
				// nodeSelectors.
				"beta.kubernetes.io/os":   "linux",
				"beta.kubernetes.io/arch": "amd64",
			},
			Annotations: map[string]string{simulatedAnnotation: "true"},
		},
		Spec:   corev1.NodeSpec{PodCIDR: n.podCIDR.String(), PodCIDRs: []string{n.podCIDR.String()}},
		Status: n.status(o, now),
	}
}

// status is what n reports: its resources, its health and itself.
func (n *simNode) status(o Options, now metav1.Time) corev1.NodeStatus {
	resources := corev1.ResourceList{
		corev1.ResourceCPU:              o.CPU,
		corev1.ResourceMemory:           o.Memory,
		corev1.ResourcePods:             *resource.NewQuantity(int64(o.Pods), resource.DecimalSI),
		corev1.ResourceEphemeralStorage: resource.MustParse("100Gi"),
	}
	return corev1.NodeStatus{
		// Nothing is reserved for the system: allocatable is capacity.
		Capacity:    resources,
		Allocatable: resources.DeepCopy(),
		Phase:       corev1.NodeRunning,
		Conditions:  conditions(now),
		Addresses: []corev1.NodeAddress{
			{Type: corev1.NodeInternalIP, Address: n.ip.String()},
			{Type: corev1.NodeHostName, Address: n.name},
		},
		DaemonEndpoints: corev1.NodeDaemonEndpoints{KubeletEndpoint: corev1.DaemonEndpoint{Port: 10250}},
		NodeInfo: corev1.NodeSystemInfo{
			MachineID: n.name, SystemUUID: n.name, BootID: n.name,
			KernelVersion: "simulated", OSImage: "kubeling simulated node",
			ContainerRuntimeVersion: "simnodes://v1.37.2", KubeletVersion: "v1.37.2",
			OperatingSystem: "linux", Architecture: "amd64",
		},
	}
}

// conditions are a healthy kubelet's, in the order and words it uses.
func conditions(now metav1.Time) []corev1.NodeCondition {
	c := func(t corev1.NodeConditionType, s corev1.ConditionStatus, reason, message string) corev1.NodeCondition {
		return corev1.NodeCondition{Type: t, Status: s, Reason: reason, Message: message, LastHeartbeatTime: now, LastTransitionTime: now}
	}
	return []corev1.NodeCondition{
		c(corev1.NodeMemoryPressure, corev1.ConditionFalse, "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
		c(corev1.NodeDiskPressure, corev1.ConditionFalse, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
		c(corev1.NodePIDPressure, corev1.ConditionFalse, "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
		c(corev1.NodeReady, corev1.ConditionTrue, "KubeletReady", "kubelet is posting ready status"),
	}
}

// refreshConditions returns old's conditions reported again at now: a
// condition that keeps its status keeps its lastTransitionTime, as the
// kubelet's setters do, so `kubectl describe node` shows how long it has
// been Ready.
func refreshConditions(old []corev1.NodeCondition, now metav1.Time) []corev1.NodeCondition {
	fresh := conditions(now)
	for i := range fresh {
		for _, c := range old {
			if c.Type == fresh[i].Type && c.Status == fresh[i].Status && !c.LastTransitionTime.IsZero() {
				fresh[i].LastTransitionTime = c.LastTransitionTime
			}
		}
	}
	return fresh
}
