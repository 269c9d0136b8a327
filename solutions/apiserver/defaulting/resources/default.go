// This file holds the entry point for the kinds this package defaults.

package resources

import (
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// Default fills in the unset fields of obj, a single object, in place.
// Kinds this package does not default are left as they are.
func Default(obj runtime.Object) {
	switch o := obj.(type) {
	case *corev1.Service:
		defaultService(o)
	case *corev1.Endpoints:
		defaultEndpoints(o)
	case *corev1.Namespace:
		defaultNamespace(o)
	case *corev1.Node:
		defaultNode(o)
	case *corev1.Secret:
		defaultSecret(o)
	case *corev1.ConfigMap:
		defaultConfigMap(o)
	case *coordinationv1.Lease:
		defaultLease(o)
	}
	// Events (core/v1 and events.k8s.io/v1) have no defaults in Kubernetes:
	// every field they need is set by the component that writes them.
}
