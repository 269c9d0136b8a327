// This file teaches the rules that differ from one resource to another
// (Kubernetes calls each resource's set of rules its "strategy"): what a
// new object's status starts as, what a status write may not change
// besides spec, and how long a deleted pod is given to stop.

package registry

import (
	"slices"

	appsv1 "k8s.io/api/apps/v1"
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

// preparePodForStatusUpdate: the pods/status endpoint cannot touch owner
// references (Kubernetes guards them from kubelets that once corrupted
// them, which broke garbage collection).
func preparePodForStatusUpdate(obj, old runtime.Object) {
	obj.(*corev1.Pod).OwnerReferences = old.(*corev1.Pod).OwnerReferences
}

// prepareDeploymentForStatusUpdate: a Deployment's labels are its owner's,
// not the deployment controller's, to change.
func prepareDeploymentForStatusUpdate(obj, old runtime.Object) {
	obj.(*appsv1.Deployment).Labels = old.(*appsv1.Deployment).Labels
}

// prepareNamespaceForCreate: a namespace is Active from birth, and carries
// the "kubernetes" finalizer, which the namespace controller removes once
// it has deleted everything in the namespace (Kubernetes adds it on every
// create, and its namespace controller removes it through the finalize
// subresource).
func prepareNamespaceForCreate(obj runtime.Object) {
	ns := obj.(*corev1.Namespace)
	ns.Status = corev1.NamespaceStatus{Phase: corev1.NamespaceActive}
	if !slices.Contains(ns.Spec.Finalizers, corev1.FinalizerKubernetes) {
		ns.Spec.Finalizers = append(ns.Spec.Finalizers, corev1.FinalizerKubernetes)
	}
}

// prepareNamespaceForUpdate keeps spec.finalizers on an ordinary update:
// they are the namespace controller's promise to empty the namespace, so
// only the finalize subresource may change them, as in Kubernetes'
// namespace strategy.
func prepareNamespaceForUpdate(obj, old runtime.Object) {
	obj.(*corev1.Namespace).Spec.Finalizers = old.(*corev1.Namespace).Spec.Finalizers
}

// namespaceSpecFinalizers: a Namespace stays until its spec.finalizers are
// gone, whatever its metadata says.
func namespaceSpecFinalizers(obj runtime.Object) []string {
	var out []string
	for _, f := range obj.(*corev1.Namespace).Spec.Finalizers {
		out = append(out, string(f))
	}
	return out
}

// prepareNamespaceForDelete: a namespace being deleted is Terminating, and
// admission refuses new objects in it.
func prepareNamespaceForDelete(obj runtime.Object) {
	obj.(*corev1.Namespace).Status.Phase = corev1.NamespaceTerminating
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
