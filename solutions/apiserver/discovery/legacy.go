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
	createOnlyVerbs      = []string{"create"}
	finalizeVerbs        = []string{"update"}
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

// apiGroupOf is one API group and its versions, the preferred one first.
type apiGroupOf struct {
	name     string
	versions []string
}

// groups returns the API groups of resources in order of first appearance.
// A group served in several versions (autoscaling v2 and v1) lists them in
// the catalogue's order, which puts the preferred version first.
func groups(resources []*registry.Resource) []apiGroupOf {
	var out []apiGroupOf
	index := map[string]int{}
	for _, gv := range groupVersions(resources) {
		i, ok := index[gv.Group]
		if !ok {
			i = len(out)
			index[gv.Group] = i
			out = append(out, apiGroupOf{name: gv.Group})
		}
		out[i].versions = append(out[i].versions, gv.Version)
	}
	return out
}

// verbs returns the verbs a resource is served with.
func verbs(r *registry.Resource) []string {
	if r.CreateOnly {
		return createOnlyVerbs
	}
	return resourceVerbs
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
func apiGroup(g apiGroupOf) metav1.APIGroup {
	group := metav1.APIGroup{TypeMeta: metav1.TypeMeta{Kind: "APIGroup", APIVersion: "v1"}, Name: g.name}
	for _, v := range g.versions {
		gv := schema.GroupVersion{Group: g.name, Version: v}
		group.Versions = append(group.Versions, metav1.GroupVersionForDiscovery{GroupVersion: gv.String(), Version: v})
	}
	group.PreferredVersion = group.Versions[0]
	return group
}

// apiGroupList is the body of /apis: every group but the core one.
func apiGroupList(resources []*registry.Resource) *metav1.APIGroupList {
	list := &metav1.APIGroupList{TypeMeta: metav1.TypeMeta{Kind: "APIGroupList", APIVersion: "v1"}}
	for _, g := range groups(resources) {
		if g.name != "" {
			list.Groups = append(list.Groups, apiGroup(g))
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
			Verbs: verbs(r), ShortNames: r.ShortNames, Categories: r.Categories,
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
	case "finalize":
		return r.GroupVersionKind(), finalizeVerbs
	}
	return r.GroupVersionKind(), subresourceVerbs
}
