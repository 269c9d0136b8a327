// This file teaches how the discovery paths are served: a fixed set of
// documents, computed once from the catalogue (the served resources never
// change while the server runs), chosen by path and Accept header.

package discovery

import (
	"encoding/json"
	"mime"
	"net/http"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubeling/kubeling/solutions/apiserver/registry"
)

// Handler serves /api, /apis and their group and version documents. It is
// safe for concurrent use.
type Handler struct {
	resources []*registry.Resource
}

// NewHandler returns the discovery handler of resources.
func NewHandler(resources []*registry.Resource) *Handler {
	return &Handler{resources: resources}
}

// ServeHTTP serves one discovery document, or 404.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	aggregated := wantsAggregated(r.Header.Get("Accept"))
	switch {
	case len(parts) == 1 && parts[0] == "api" && aggregated:
		writeJSON(w, aggregatedMediaType, groupDiscoveryList(h.resources, true))
	case len(parts) == 1 && parts[0] == "apis" && aggregated:
		writeJSON(w, aggregatedMediaType, groupDiscoveryList(h.resources, false))
	case len(parts) == 1 && parts[0] == "api":
		writeJSON(w, "application/json", apiVersions(r.Host))
	case len(parts) == 1 && parts[0] == "apis":
		writeJSON(w, "application/json", apiGroupList(h.resources))
	case len(parts) == 2 && parts[0] == "api" && parts[1] == "v1":
		writeJSON(w, "application/json", apiResourceList(h.resources, schema.GroupVersion{Version: "v1"}))
	case len(parts) == 2 && parts[0] == "apis" && h.serves(schema.GroupVersion{Group: parts[1]}, true):
		for _, g := range groups(h.resources) {
			if g.name == parts[1] {
				group := apiGroup(g)
				writeJSON(w, "application/json", &group)
				return
			}
		}
	case len(parts) == 3 && parts[0] == "apis" && h.serves(schema.GroupVersion{Group: parts[1], Version: parts[2]}, false):
		writeJSON(w, "application/json", apiResourceList(h.resources, schema.GroupVersion{Group: parts[1], Version: parts[2]}))
	default:
		NotFound(w)
	}
}

// serves reports whether gv (or, with groupOnly, gv's group) is served.
func (h *Handler) serves(gv schema.GroupVersion, groupOnly bool) bool {
	for _, served := range groupVersions(h.resources) {
		if served == gv || (groupOnly && served.Group == gv.Group && gv.Group != "") {
			return true
		}
	}
	return false
}

// wantsAggregated reports whether the Accept header lists the aggregated
// format before plain JSON.
func wantsAggregated(accept string) bool {
	for _, clause := range strings.Split(accept, ",") {
		mediaType, params, err := mime.ParseMediaType(strings.TrimSpace(clause))
		if err != nil || mediaType != "application/json" {
			continue
		}
		return params["g"] == "apidiscovery.k8s.io" && params["v"] == "v2" && params["as"] == "APIGroupDiscoveryList"
	}
	return false
}

func writeJSON(w http.ResponseWriter, contentType string, body any) {
	data, err := json.Marshal(body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	_, _ = w.Write(data)
}

// NotFound answers a path the server does not serve, as Kubernetes does.
func NotFound(w http.ResponseWriter) {
	status := metav1.Status{
		TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"},
		Status:   metav1.StatusFailure, Reason: metav1.StatusReasonNotFound, Code: http.StatusNotFound,
		Message: "the server could not find the requested resource",
	}
	data, _ := json.Marshal(status)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write(data)
}
