package framework

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// makeNode is a node offering cpu ("2", "500m"), memory ("4Gi") and room
// for pods pods.
func makeNode(name, cpu, memory string, pods int64) *corev1.Node {
	return &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Status: corev1.NodeStatus{Allocatable: corev1.ResourceList{
			corev1.ResourceCPU:    resource.MustParse(cpu),
			corev1.ResourceMemory: resource.MustParse(memory),
			corev1.ResourcePods:   *resource.NewQuantity(pods, resource.DecimalSI),
		}},
	}
}

// makePod is a pod with the given app containers.
func makePod(name string, containers ...corev1.Container) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name, UID: types.UID("uid-" + name)},
		Spec:       corev1.PodSpec{Containers: containers},
	}
}

// container requests cpu and memory; "" leaves one unrequested.
func container(name, cpu, memory string) corev1.Container {
	list := corev1.ResourceList{}
	if cpu != "" {
		list[corev1.ResourceCPU] = resource.MustParse(cpu)
	}
	if memory != "" {
		list[corev1.ResourceMemory] = resource.MustParse(memory)
	}
	return corev1.Container{Name: name, Resources: corev1.ResourceRequirements{Requests: list}}
}

// sidecar is an init container that keeps running (restartPolicy Always).
func sidecar(name, cpu, memory string) corev1.Container {
	c := container(name, cpu, memory)
	always := corev1.ContainerRestartPolicyAlways
	c.RestartPolicy = &always
	return c
}

// withHostPort adds hostIP:port/protocol to pod's first container.
func withHostPort(pod *corev1.Pod, hostIP string, port int32, protocol corev1.Protocol) *corev1.Pod {
	c := &pod.Spec.Containers[0]
	c.Ports = append(c.Ports, corev1.ContainerPort{ContainerPort: 80, HostPort: port, HostIP: hostIP, Protocol: protocol})
	return pod
}

const (
	mi = int64(1024 * 1024)
	gi = 1024 * mi
)
