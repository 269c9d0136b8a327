// This file teaches the workload resources, Deployments and ReplicaSets
// (and core/v1 ReplicationControllers, the ReplicaSet's forerunner):
// they track their generation (a controller reports in
// status.observedGeneration which spec it has acted on), serve the scale
// subresource that `kubectl scale` writes, and start with an empty status
// that only their controller fills. It mirrors
// pkg/registry/apps/deployment/strategy.go, replicaset/strategy.go and
// pkg/registry/core/replicationcontroller/strategy.go in Kubernetes v1.37.

package registry

import (
	"strconv"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/runtime"
)

func deployments() *Resource {
	return &Resource{
		GroupVersion: appsv1.SchemeGroupVersion, Name: "deployments", SingularName: "deployment", Kind: "Deployment", Namespaced: true,
		ShortNames: []string{"deploy"}, Categories: []string{"all"},
		Subresources: []string{"status", "scale"}, TracksGeneration: true,
		New:              func() runtime.Object { return &appsv1.Deployment{} },
		NewList:          func() runtime.Object { return &appsv1.DeploymentList{} },
		PrepareForCreate: func(obj runtime.Object) { obj.(*appsv1.Deployment).Status = appsv1.DeploymentStatus{} },
		// A Deployment's labels are its owner's, not the deployment
		// controller's, to change.
		PrepareForStatusUpdate: func(obj, old runtime.Object) {
			obj.(*appsv1.Deployment).Labels = old.(*appsv1.Deployment).Labels
		},
	}
}

func replicaSets() *Resource {
	return &Resource{
		GroupVersion: appsv1.SchemeGroupVersion, Name: "replicasets", SingularName: "replicaset", Kind: "ReplicaSet", Namespaced: true,
		ShortNames: []string{"rs"}, Categories: []string{"all"},
		Subresources: []string{"status", "scale"}, TracksGeneration: true,
		New:              func() runtime.Object { return &appsv1.ReplicaSet{} },
		NewList:          func() runtime.Object { return &appsv1.ReplicaSetList{} },
		PrepareForCreate: func(obj runtime.Object) { obj.(*appsv1.ReplicaSet).Status = appsv1.ReplicaSetStatus{} },
		SelectableFields: func(obj runtime.Object) fields.Set {
			return fields.Set{"status.replicas": strconv.Itoa(int(obj.(*appsv1.ReplicaSet).Status.Replicas))}
		},
	}
}

// replicationControllers serves the core/v1 kind that ReplicaSets replaced:
// the same rules, and kubectl still knows it as "rc".
func replicationControllers() *Resource {
	return &Resource{
		GroupVersion: corev1.SchemeGroupVersion, Name: "replicationcontrollers", SingularName: "replicationcontroller", Kind: "ReplicationController", Namespaced: true,
		ShortNames: []string{"rc"}, Categories: []string{"all"},
		Subresources: []string{"status", "scale"}, TracksGeneration: true,
		// core/v1 keeps an RC's pods when a DELETE names no policy, as it
		// did before the garbage collector (kubectl names Background).
		DefaultGarbageCollectionPolicy: OrphanDependents,
		New:                            func() runtime.Object { return &corev1.ReplicationController{} },
		NewList:                        func() runtime.Object { return &corev1.ReplicationControllerList{} },
		PrepareForCreate: func(obj runtime.Object) {
			obj.(*corev1.ReplicationController).Status = corev1.ReplicationControllerStatus{}
		},
		SelectableFields: func(obj runtime.Object) fields.Set {
			return fields.Set{"status.replicas": strconv.Itoa(int(obj.(*corev1.ReplicationController).Status.Replicas))}
		},
	}
}
