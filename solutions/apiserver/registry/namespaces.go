// This file teaches the Namespace resource: the only one whose deletion
// waits on its spec (spec.finalizers holds "kubernetes" until the namespace
// controller has emptied it), and which turns Terminating when deleted. It
// mirrors pkg/registry/core/namespace/strategy.go in Kubernetes v1.37.

package registry

import (
	"slices"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/runtime"
)

func namespaces() *Resource {
	return &Resource{
		GroupVersion: corev1.SchemeGroupVersion, Name: "namespaces", SingularName: "namespace", Kind: "Namespace",
		ShortNames: []string{"ns"}, Subresources: []string{"status", "finalize"}, ReturnDeletedObject: true,
		New:              func() runtime.Object { return &corev1.Namespace{} },
		NewList:          func() runtime.Object { return &corev1.NamespaceList{} },
		PrepareForCreate: prepareNamespaceForCreate,
		PrepareForUpdate: prepareNamespaceForUpdate,
		SpecFinalizers:   namespaceSpecFinalizers,
		PrepareForDelete: prepareNamespaceForDelete,
		SelectableFields: func(obj runtime.Object) fields.Set {
			return fields.Set{"status.phase": string(obj.(*corev1.Namespace).Status.Phase)}
		},
	}
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
