// This file teaches the classic discovery documents: /api lists the core
// group's versions, /apis lists the other groups, and /api/v1 or
// /apis/<group>/<version> lists the resources of one group version, each
// subresource as its own entry ("pods/status"). It mirrors
// k8s.io/apiserver/pkg/endpoints/discovery.

package discovery

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubeling/kubeling/solutions/apiserver/registry"
)

// The verbs served on a resource and on each kind of subresource.
var (
	resourceVerbs        = []string{"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"}
	subresourceVerbs     = []string{"get", "patch", "update"}
	bindingVerbs         = []string{"create"}
	scaleGroupVersionKnd = schema.GroupVersionKind{Group: "autoscaling", Version: "v1", Kind: "Scale"}
)

// groupVersions returns the group versions of resources in order of first
// appearance, the core group first.
func groupVersions(resources []*registry.Resource) []schema.GroupVersion {
	var gvs []schema.GroupVersion
	seen := map[schema.GroupVersion]bool{}
	for _, r := range resources {
		if !seen[r.GroupVersion] {
			seen[r.GroupVersion] = true
			gvs = append(gvs, r.GroupVersion)
		}
	}
	return gvs
}

// apiVersions is the body of /api.
func apiVersions(serverAddress string) *metav1.APIVersions {
	v := &metav1.APIVersions{
		Versions: []string{"v1"},
		ServerAddressByClientCIDRs: []metav1.ServerAddressByClientCIDR{
			{ClientCIDR: "0.0.0.0/0", ServerAddress: serverAddress},
		},
	}
	v.Kind, v.APIVersion = "APIVersions", ""
	return v
}

// apiGroup is the body of /apis/<group> and one entry of /apis.
func apiGroup(gv schema.GroupVersion) metav1.APIGroup {
	version := metav1.GroupVersionForDiscovery{GroupVersion: gv.String(), Version: gv.Version}
	return metav1.APIGroup{
		TypeMeta:         metav1.TypeMeta{Kind: "APIGroup", APIVersion: "v1"},
		Name:             gv.Group,
		Versions:         []metav1.GroupVersionForDiscovery{version},
		PreferredVersion: version,
	}
}

// apiGroupList is the body of /apis: every group but the core one.
func apiGroupList(resources []*registry.Resource) *metav1.APIGroupList {
	list := &metav1.APIGroupList{TypeMeta: metav1.TypeMeta{Kind: "APIGroupList", APIVersion: "v1"}}
	for _, gv := range groupVersions(resources) {
		if gv.Group != "" {
			list.Groups = append(list.Groups, apiGroup(gv))
		}
	}
	return list
}

// apiResourceList is the body of /api/v1 or /apis/<group>/<version>.
func apiResourceList(resources []*registry.Resource, gv schema.GroupVersion) *metav1.APIResourceList {
	list := &metav1.APIResourceList{
		TypeMeta:     metav1.TypeMeta{Kind: "APIResourceList", APIVersion: "v1"},
		GroupVersion: gv.String(),
	}
	for _, r := range resources {
		if r.GroupVersion != gv {
			continue
		}
		list.APIResources = append(list.APIResources, metav1.APIResource{
			Name: r.Name, SingularName: r.SingularName, Namespaced: r.Namespaced, Kind: r.Kind,
			Verbs: resourceVerbs, ShortNames: r.ShortNames, Categories: r.Categories,
		})
		for _, sub := range r.Subresources {
			kind, verbs := subresourceKind(r, sub)
			list.APIResources = append(list.APIResources, metav1.APIResource{
				Name: r.Name + "/" + sub, Namespaced: r.Namespaced,
				Group: kind.Group, Version: kind.Version, Kind: kind.Kind, Verbs: verbs,
			})
		}
	}
	return list
}

// subresourceKind returns what a subresource answers with and its verbs.
func subresourceKind(r *registry.Resource, sub string) (schema.GroupVersionKind, []string) {
	switch sub {
	case "scale":
		return scaleGroupVersionKnd, subresourceVerbs
	case "binding":
		return schema.GroupVersionKind{Version: "v1", Kind: "Binding"}, bindingVerbs
	}
	return r.GroupVersionKind(), subresourceVerbs
}
