// This file teaches the Pod resource's rules: a new pod is Pending, its
// status writer (the kubelet) cannot touch its owner references, deleting
// a pod that runs on a node gives it time to stop, and the kubelet and the
// scheduler find their pods by field (spec.nodeName). It mirrors
// pkg/registry/core/pod/strategy.go and the pod field label conversion of
// pkg/apis/core/v1 in Kubernetes v1.37.

package registry

import (
	"strconv"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/runtime"
)

// defaultPodGracePeriod is what Kubernetes gives a pod that does not set
// spec.terminationGracePeriodSeconds.
const defaultPodGracePeriod = 30

func pods() *Resource {
	return &Resource{
		GroupVersion: corev1.SchemeGroupVersion, Name: "pods", SingularName: "pod", Kind: "Pod", Namespaced: true,
		ShortNames: []string{"po"}, Categories: []string{"all"},
		Subresources:     []string{"status", "binding"},
		TracksGeneration: true, ReturnDeletedObject: true,
		New:     func() runtime.Object { return &corev1.Pod{} },
		NewList: func() runtime.Object { return &corev1.PodList{} },
		// A new pod is Pending until the scheduler and the kubelet say
		// otherwise; a client cannot create a pod that claims to run.
		PrepareForCreate: func(obj runtime.Object) { obj.(*corev1.Pod).Status = corev1.PodStatus{Phase: corev1.PodPending} },
		// The pods/status endpoint cannot touch owner references (Kubernetes
		// guards them from kubelets that once corrupted them, which broke
		// garbage collection).
		PrepareForStatusUpdate: func(obj, old runtime.Object) {
			obj.(*corev1.Pod).OwnerReferences = old.(*corev1.Pod).OwnerReferences
		},
		SelectableFields: podFields,
		GracePeriod:      podGracePeriod,
	}
}

func podFields(obj runtime.Object) fields.Set {
	pod := obj.(*corev1.Pod)
	podIP := ""
	if len(pod.Status.PodIPs) > 0 {
		podIP = pod.Status.PodIPs[0].IP
	}
	return fields.Set{
		"spec.nodeName":            pod.Spec.NodeName,
		"spec.restartPolicy":       string(pod.Spec.RestartPolicy),
		"spec.schedulerName":       pod.Spec.SchedulerName,
		"spec.serviceAccountName":  pod.Spec.ServiceAccountName,
		"spec.hostNetwork":         strconv.FormatBool(pod.Spec.HostNetwork),
		"status.phase":             string(pod.Status.Phase),
		"status.podIP":             podIP,
		"status.nominatedNodeName": pod.Status.NominatedNodeName,
	}
}

// podGracePeriod mirrors the pod strategy's CheckGracefulTerminationDelete:
// a pod running on a node is given time to stop (the DELETE's
// gracePeriodSeconds, else the pod's terminationGracePeriodSeconds, else
// 30s) and the kubelet removes it for good; a pod no node runs, or one
// that already finished, goes at once.
func podGracePeriod(obj runtime.Object, opts *metav1.DeleteOptions) int64 {
	pod := obj.(*corev1.Pod)
	if pod.Spec.NodeName == "" || pod.Status.Phase == corev1.PodSucceeded || pod.Status.Phase == corev1.PodFailed {
		return 0
	}
	if opts != nil && opts.GracePeriodSeconds != nil {
		return max(*opts.GracePeriodSeconds, 0)
	}
	if pod.Spec.TerminationGracePeriodSeconds != nil {
		return max(*pod.Spec.TerminationGracePeriodSeconds, 0)
	}
	return defaultPodGracePeriod
}
