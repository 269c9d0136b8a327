// This file teaches the rules that differ from one resource to another
// (Kubernetes calls each resource's set of rules its "strategy"): what a
// new object's status starts as, and how long a deleted pod is given to
// stop.

package registry

import (
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// defaultPodGracePeriod is what Kubernetes gives a pod that does not set
// spec.terminationGracePeriodSeconds.
const defaultPodGracePeriod = 30

// preparePodForCreate: a new pod is Pending until the scheduler and the
// kubelet say otherwise; a client cannot create a pod that claims to run.
func preparePodForCreate(obj runtime.Object) {
	pod := obj.(*corev1.Pod)
	pod.Status = corev1.PodStatus{Phase: corev1.PodPending}
}

// prepareServiceForCreate: a load balancer's status is the cloud's to fill.
func prepareServiceForCreate(obj runtime.Object) {
	obj.(*corev1.Service).Status = corev1.ServiceStatus{}
}

// prepareNamespaceForCreate: a namespace is Active from birth.
func prepareNamespaceForCreate(obj runtime.Object) {
	obj.(*corev1.Namespace).Status = corev1.NamespaceStatus{Phase: corev1.NamespaceActive}
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
