// This file teaches where defaulting happens: once per object, by type,
// right after decoding and before validation — so validation can insist on
// fields (restartPolicy, protocol, imagePullPolicy) that clients never send.

package defaulting

import (
	appsv1 "k8s.io/api/apps/v1"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// Default fills in obj's unset fields in place. obj is one of the served
// types (or a list of them); anything else is left as it is.
func Default(obj runtime.Object) {
	switch o := obj.(type) {
	case *corev1.Pod:
		defaultPod(o)
	case *corev1.PodList:
		for i := range o.Items {
			defaultPod(&o.Items[i])
		}
	case *appsv1.Deployment:
		defaultDeployment(o)
	case *appsv1.DeploymentList:
		for i := range o.Items {
			defaultDeployment(&o.Items[i])
		}
	case *appsv1.ReplicaSet:
		defaultReplicaSet(o)
	case *appsv1.ReplicaSetList:
		for i := range o.Items {
			defaultReplicaSet(&o.Items[i])
		}
	case *corev1.Service:
		defaultService(o)
	case *corev1.ServiceList:
		for i := range o.Items {
			defaultService(&o.Items[i])
		}
	case *corev1.Endpoints:
		defaultEndpoints(o)
	case *corev1.EndpointsList:
		for i := range o.Items {
			defaultEndpoints(&o.Items[i])
		}
	case *corev1.Namespace:
		defaultNamespace(o)
	case *corev1.NamespaceList:
		for i := range o.Items {
			defaultNamespace(&o.Items[i])
		}
	case *corev1.Node:
		defaultNode(o)
	case *corev1.NodeList:
		for i := range o.Items {
			defaultNode(&o.Items[i])
		}
	case *corev1.Secret:
		defaultSecret(o)
	case *corev1.SecretList:
		for i := range o.Items {
			defaultSecret(&o.Items[i])
		}
	case *corev1.ConfigMap:
		defaultConfigMap(o)
	case *corev1.ConfigMapList:
		for i := range o.Items {
			defaultConfigMap(&o.Items[i])
		}
	case *coordinationv1.Lease:
		defaultLease(o)
	case *coordinationv1.LeaseList:
		for i := range o.Items {
			defaultLease(&o.Items[i])
		}
	}
	// Events (core/v1 and events.k8s.io/v1) have no defaults in Kubernetes:
	// every field they need is set by the component that writes them.
}
