// This file teaches aggregated discovery (apidiscovery.k8s.io/v2): instead
// of one request per group version, a client asks /api and /apis once with
// an Accept header naming APIGroupDiscoveryList and gets every resource of
// every group in the answer. kubectl asks for it first and falls back to
// the classic documents when the server answers plain JSON.

package discovery

import (
	apidiscoveryv2 "k8s.io/api/apidiscovery/v2"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubeling/kubeling/solutions/apiserver/registry"
)

// aggregatedMediaType is what the client asks for and the server answers with.
const aggregatedMediaType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"

// groupDiscoveryList returns the aggregated document of the core group
// (core true, for /api) or of every other group (for /apis).
func groupDiscoveryList(resources []*registry.Resource, core bool) *apidiscoveryv2.APIGroupDiscoveryList {
	list := &apidiscoveryv2.APIGroupDiscoveryList{}
	list.Kind, list.APIVersion = "APIGroupDiscoveryList", apidiscoveryv2.SchemeGroupVersion.String()
	for _, g := range groups(resources) {
		if (g.name == "") != core {
			continue
		}
		group := apidiscoveryv2.APIGroupDiscovery{ObjectMeta: metav1.ObjectMeta{Name: g.name}}
		for _, v := range g.versions { // the preferred version first, as Kubernetes orders them
			version := apidiscoveryv2.APIVersionDiscovery{Version: v, Freshness: apidiscoveryv2.DiscoveryFreshnessCurrent}
			for _, r := range resources {
				if r.GroupVersion == (schema.GroupVersion{Group: g.name, Version: v}) {
					version.Resources = append(version.Resources, resourceDiscovery(r))
				}
			}
			group.Versions = append(group.Versions, version)
		}
		list.Items = append(list.Items, group)
	}
	return list
}

func resourceDiscovery(r *registry.Resource) apidiscoveryv2.APIResourceDiscovery {
	scope := apidiscoveryv2.ScopeCluster
	if r.Namespaced {
		scope = apidiscoveryv2.ScopeNamespace
	}
	gvk := r.GroupVersionKind()
	d := apidiscoveryv2.APIResourceDiscovery{
		Resource:         r.Name,
		ResponseKind:     &metav1.GroupVersionKind{Group: gvk.Group, Version: gvk.Version, Kind: gvk.Kind},
		Scope:            scope,
		SingularResource: r.SingularName,
		Verbs:            verbs(r),
		ShortNames:       r.ShortNames,
		Categories:       r.Categories,
	}
	for _, sub := range r.Subresources {
		kind, verbs := subresourceKind(r, sub)
		d.Subresources = append(d.Subresources, apidiscoveryv2.APISubresourceDiscovery{
			Subresource:  sub,
			ResponseKind: &metav1.GroupVersionKind{Group: kind.Group, Version: kind.Version, Kind: kind.Kind},
			Verbs:        verbs,
		})
	}
	return d
}
