// This file teaches which resources the teaching cluster serves and how
// each differs from the others. It is the one list the router, discovery
// and OpenAPI documents are built from, so a resource added here appears
// everywhere at once.

package registry

import (
	appsv1 "k8s.io/api/apps/v1"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// Catalogue returns every resource the apiserver serves, in the order
// discovery lists them: the ones the chapters use, then the rest of the API
// groups (catalogue_more.go).
func Catalogue() []*Resource {
	core := corev1.SchemeGroupVersion
	apps := appsv1.SchemeGroupVersion
	return append([]*Resource{
		{
			GroupVersion: core, Name: "namespaces", SingularName: "namespace", Kind: "Namespace",
			ShortNames: []string{"ns"}, Subresources: []string{"status", "finalize"}, ReturnDeletedObject: true,
			New:              func() runtime.Object { return &corev1.Namespace{} },
			NewList:          func() runtime.Object { return &corev1.NamespaceList{} },
			PrepareForCreate: prepareNamespaceForCreate,
			PrepareForUpdate: prepareNamespaceForUpdate,
			SpecFinalizers:   namespaceSpecFinalizers,
			PrepareForDelete: prepareNamespaceForDelete,
			SelectableFields: namespaceFields,
		},
		{
			GroupVersion: core, Name: "pods", SingularName: "pod", Kind: "Pod", Namespaced: true,
			ShortNames: []string{"po"}, Categories: []string{"all"},
			Subresources:     []string{"status", "binding"},
			TracksGeneration: true, ReturnDeletedObject: true,
			New:                    func() runtime.Object { return &corev1.Pod{} },
			NewList:                func() runtime.Object { return &corev1.PodList{} },
			PrepareForCreate:       preparePodForCreate,
			PrepareForStatusUpdate: preparePodForStatusUpdate,
			SelectableFields:       podFields,
			GracePeriod:            podGracePeriod,
		},
		{
			GroupVersion: core, Name: "nodes", SingularName: "node", Kind: "Node",
			ShortNames: []string{"no"}, Subresources: []string{"status"},
			New:              func() runtime.Object { return &corev1.Node{} },
			NewList:          func() runtime.Object { return &corev1.NodeList{} },
			SelectableFields: nodeFields,
		},
		{
			GroupVersion: core, Name: "services", SingularName: "service", Kind: "Service", Namespaced: true,
			ShortNames: []string{"svc"}, Categories: []string{"all"}, Subresources: []string{"status"},
			ReturnDeletedObject: true, AllowCreateOnUpdate: true,
			New:              func() runtime.Object { return &corev1.Service{} },
			NewList:          func() runtime.Object { return &corev1.ServiceList{} },
			PrepareForCreate: prepareServiceForCreate,
		},
		{
			GroupVersion: core, Name: "endpoints", SingularName: "endpoints", Kind: "Endpoints", Namespaced: true,
			ShortNames: []string{"ep"}, AllowCreateOnUpdate: true,
			New:     func() runtime.Object { return &corev1.Endpoints{} },
			NewList: func() runtime.Object { return &corev1.EndpointsList{} },
		},
		{
			GroupVersion: core, Name: "events", SingularName: "event", Kind: "Event", Namespaced: true,
			ShortNames: []string{"ev"}, AllowCreateOnUpdate: true,
			New:              func() runtime.Object { return &corev1.Event{} },
			NewList:          func() runtime.Object { return &corev1.EventList{} },
			SelectableFields: eventFields,
		},
		{
			GroupVersion: core, Name: "configmaps", SingularName: "configmap", Kind: "ConfigMap", Namespaced: true,
			ShortNames: []string{"cm"},
			New:        func() runtime.Object { return &corev1.ConfigMap{} },
			NewList:    func() runtime.Object { return &corev1.ConfigMapList{} },
		},
		{
			GroupVersion: core, Name: "secrets", SingularName: "secret", Kind: "Secret", Namespaced: true,
			New:              func() runtime.Object { return &corev1.Secret{} },
			NewList:          func() runtime.Object { return &corev1.SecretList{} },
			SelectableFields: secretFields,
		},
		{
			GroupVersion: apps, Name: "deployments", SingularName: "deployment", Kind: "Deployment", Namespaced: true,
			ShortNames: []string{"deploy"}, Categories: []string{"all"},
			Subresources: []string{"status", "scale"}, TracksGeneration: true,
			New:                    func() runtime.Object { return &appsv1.Deployment{} },
			NewList:                func() runtime.Object { return &appsv1.DeploymentList{} },
			PrepareForCreate:       func(obj runtime.Object) { obj.(*appsv1.Deployment).Status = appsv1.DeploymentStatus{} },
			PrepareForStatusUpdate: prepareDeploymentForStatusUpdate,
		},
		{
			GroupVersion: apps, Name: "replicasets", SingularName: "replicaset", Kind: "ReplicaSet", Namespaced: true,
			ShortNames: []string{"rs"}, Categories: []string{"all"},
			Subresources: []string{"status", "scale"}, TracksGeneration: true,
			New:              func() runtime.Object { return &appsv1.ReplicaSet{} },
			NewList:          func() runtime.Object { return &appsv1.ReplicaSetList{} },
			PrepareForCreate: func(obj runtime.Object) { obj.(*appsv1.ReplicaSet).Status = appsv1.ReplicaSetStatus{} },
			SelectableFields: replicaSetFields,
		},
		{
			GroupVersion: coordinationv1.SchemeGroupVersion, Name: "leases", SingularName: "lease", Kind: "Lease", Namespaced: true,
			AllowCreateOnUpdate: true,
			New:                 func() runtime.Object { return &coordinationv1.Lease{} },
			NewList:             func() runtime.Object { return &coordinationv1.LeaseList{} },
		},
		{
			// events.k8s.io/v1 Events are the same objects as core/v1 Events,
			// seen through a newer schema: both live under /registry/events.
			GroupVersion: eventsv1.SchemeGroupVersion, Name: "events", SingularName: "event", Kind: "Event", Namespaced: true,
			ShortNames: []string{"ev"}, AllowCreateOnUpdate: true,
			New:              func() runtime.Object { return &eventsv1.Event{} },
			NewList:          func() runtime.Object { return &eventsv1.EventList{} },
			SelectableFields: eventsV1Fields,
			Conversion:       eventsConversion,
		},
	}, moreResources()...)
}
