// This file teaches the resources with hardly a rule of their own: nodes,
// services, endpoints, config maps, secrets and leases. The generic store
// serves them with its defaults; what differs is a field selector or two,
// and that a Service's load-balancer status is not the client's to set.

package registry

import (
	"strconv"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/runtime"
)

func nodes() *Resource {
	return &Resource{
		GroupVersion: corev1.SchemeGroupVersion, Name: "nodes", SingularName: "node", Kind: "Node",
		ShortNames: []string{"no"}, Subresources: []string{"status"},
		New:     func() runtime.Object { return &corev1.Node{} },
		NewList: func() runtime.Object { return &corev1.NodeList{} },
		SelectableFields: func(obj runtime.Object) fields.Set {
			return fields.Set{"spec.unschedulable": strconv.FormatBool(obj.(*corev1.Node).Spec.Unschedulable)}
		},
	}
}

func services() *Resource {
	return &Resource{
		GroupVersion: corev1.SchemeGroupVersion, Name: "services", SingularName: "service", Kind: "Service", Namespaced: true,
		ShortNames: []string{"svc"}, Categories: []string{"all"}, Subresources: []string{"status"},
		ReturnDeletedObject: true, AllowCreateOnUpdate: true,
		New:     func() runtime.Object { return &corev1.Service{} },
		NewList: func() runtime.Object { return &corev1.ServiceList{} },
		// A load balancer's status is the cloud's to fill.
		PrepareForCreate: func(obj runtime.Object) { obj.(*corev1.Service).Status = corev1.ServiceStatus{} },
	}
}

func endpoints() *Resource {
	return &Resource{
		GroupVersion: corev1.SchemeGroupVersion, Name: "endpoints", SingularName: "endpoints", Kind: "Endpoints", Namespaced: true,
		ShortNames: []string{"ep"}, AllowCreateOnUpdate: true,
		New:     func() runtime.Object { return &corev1.Endpoints{} },
		NewList: func() runtime.Object { return &corev1.EndpointsList{} },
	}
}

func configMaps() *Resource {
	return &Resource{
		GroupVersion: corev1.SchemeGroupVersion, Name: "configmaps", SingularName: "configmap", Kind: "ConfigMap", Namespaced: true,
		ShortNames: []string{"cm"},
		New:        func() runtime.Object { return &corev1.ConfigMap{} },
		NewList:    func() runtime.Object { return &corev1.ConfigMapList{} },
	}
}

func secrets() *Resource {
	return &Resource{
		GroupVersion: corev1.SchemeGroupVersion, Name: "secrets", SingularName: "secret", Kind: "Secret", Namespaced: true,
		New:     func() runtime.Object { return &corev1.Secret{} },
		NewList: func() runtime.Object { return &corev1.SecretList{} },
		SelectableFields: func(obj runtime.Object) fields.Set {
			return fields.Set{"type": string(obj.(*corev1.Secret).Type)}
		},
	}
}

func leases() *Resource {
	return &Resource{
		GroupVersion: coordinationv1.SchemeGroupVersion, Name: "leases", SingularName: "lease", Kind: "Lease", Namespaced: true,
		AllowCreateOnUpdate: true,
		New:                 func() runtime.Object { return &coordinationv1.Lease{} },
		NewList:             func() runtime.Object { return &coordinationv1.LeaseList{} },
	}
}
