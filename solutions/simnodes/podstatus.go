// This file teaches what a kubelet reports about a pod that runs: phase
// Running, its addresses, five True conditions and a running, ready status
// per container. It mirrors the kubelet's generateAPIPodStatus
// (pkg/kubelet/kubelet_pods.go) in Kubernetes v1.37, for a pod whose
// containers all started at once and have no probes, and kwok's pod
// template.

package simnodes

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/distribution/reference"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
)

// runningStatus is pod's status once it runs on node with podIP, at now.
// What the pod already shows and still holds (its start time, the
// scheduler's PodScheduled condition, its QoS class) is kept.
func runningStatus(pod *corev1.Pod, node *simNode, podIP string, now metav1.Time) corev1.PodStatus {
	status := corev1.PodStatus{
		Phase:              corev1.PodRunning,
		ObservedGeneration: pod.Generation,
		Conditions:         podConditions(pod, now),
		HostIP:             node.ip.String(),
		HostIPs:            []corev1.HostIP{{IP: node.ip.String()}},
		PodIP:              podIP,
		PodIPs:             []corev1.PodIP{{IP: podIP}},
		StartTime:          pod.Status.StartTime,
		QOSClass:           pod.Status.QOSClass,
	}
	if status.StartTime == nil {
		status.StartTime = &now
	}
	for _, c := range pod.Spec.InitContainers {
		status.InitContainerStatuses = append(status.InitContainerStatuses, initContainerStatus(pod, c, now))
	}
	for _, c := range pod.Spec.Containers {
		status.ContainerStatuses = append(status.ContainerStatuses, runningContainer(pod, c, now))
	}
	return status
}

// podConditions are the kubelet's, in its order. PodScheduled is the
// scheduler's (the binding set it): kept as it is.
func podConditions(pod *corev1.Pod, now metav1.Time) []corev1.PodCondition {
	c := func(t corev1.PodConditionType) corev1.PodCondition {
		return corev1.PodCondition{Type: t, Status: corev1.ConditionTrue, LastTransitionTime: now, ObservedGeneration: pod.Generation}
	}
	scheduled := c(corev1.PodScheduled)
	for _, old := range pod.Status.Conditions {
		if old.Type == corev1.PodScheduled && old.Status == corev1.ConditionTrue {
			scheduled = old
		}
	}
	return []corev1.PodCondition{
		c(corev1.PodReadyToStartContainers), c(corev1.PodInitialized), c(corev1.PodReady), c(corev1.ContainersReady), scheduled,
	}
}

// runningContainer is c started at now and ready (no probe to wait for).
func runningContainer(pod *corev1.Pod, c corev1.Container, now metav1.Time) corev1.ContainerStatus {
	image, imageID := resolveImage(c.Image)
	return corev1.ContainerStatus{
		Name: c.Name, Image: image, ImageID: imageID, ContainerID: containerID(pod, c.Name),
		Ready: true, Started: ptr.To(true),
		State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: now}},
	}
}

// initContainerStatus is c having run to completion, or, for a sidecar
// (an init container that restarts always), running beside the others.
func initContainerStatus(pod *corev1.Pod, c corev1.Container, now metav1.Time) corev1.ContainerStatus {
	status := runningContainer(pod, c, now)
	if c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways {
		return status
	}
	status.Started = ptr.To(false)
	status.State = corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{
		ExitCode: 0, Reason: "Completed", StartedAt: now, FinishedAt: now, ContainerID: status.ContainerID,
	}}
	return status
}

// resolveImage names image as a container runtime reports it: the full
// name ("nginx:1.27.0" is docker.io/library/nginx:1.27.0) and a digest.
// There is no image behind a simulated container, so the digest is made
// from the name: the same image always shows the same ID.
func resolveImage(image string) (name, id string) {
	sum := sha256.Sum256([]byte(image))
	digest := "sha256:" + hex.EncodeToString(sum[:])
	named, err := reference.ParseNormalizedNamed(image)
	if err != nil {
		return image, digest // the apiserver let it through; report it as it is
	}
	return reference.TagNameOnly(named).String(), named.Name() + "@" + digest
}

// containerID is a runtime's ID for container name of pod: 64 hex digits,
// the same for the same pod and container.
func containerID(pod *corev1.Pod, name string) string {
	sum := sha256.Sum256([]byte(string(pod.UID) + "/" + name))
	return "containerd://" + hex.EncodeToString(sum[:])
}
