// This file teaches how an apiserver can serve objects whose Go types it
// does not have. CustomResourceDefinitions and APIServices are types of
// other modules (k8s.io/apiextensions-apiserver, k8s.io/kube-aggregator),
// which the course does not depend on: they are held as unstructured JSON
// maps, as Kubernetes holds every custom resource, knowing only their
// metadata. No strategic merge patch, no protobuf, no status subresource.

package resources

import (
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubeling/kubeling/solutions/apiserver/registry"
)

func extensionResources() []*registry.Resource {
	return []*registry.Resource{
		unstructuredResource(schema.GroupVersion{Group: "apiextensions.k8s.io", Version: "v1"},
			"customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", "crd", "crds"),
		unstructuredResource(schema.GroupVersion{Group: "apiregistration.k8s.io", Version: "v1"},
			"apiservices", "apiservice", "APIService"),
	}
}

// unstructuredResource describes a cluster-scoped resource whose objects
// the server holds as plain JSON maps.
func unstructuredResource(gv schema.GroupVersion, name, singular, kind string, shortNames ...string) *registry.Resource {
	return &registry.Resource{
		GroupVersion: gv, Name: name, SingularName: singular, Kind: kind,
		ShortNames: shortNames, Categories: []string{"api-extensions"},
		New: func() runtime.Object {
			u := &unstructured.Unstructured{}
			u.SetGroupVersionKind(gv.WithKind(kind))
			return u
		},
		NewList: func() runtime.Object {
			l := &unstructured.UnstructuredList{}
			l.SetGroupVersionKind(gv.WithKind(kind + "List"))
			return l
		},
	}
}
