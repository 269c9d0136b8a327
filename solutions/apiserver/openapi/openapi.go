// Package openapi serves the smallest OpenAPI v3 documents that let the
// real kubectl create and apply objects without --validate=false.
//
// kubectl validates by default (--validate=strict). Before it sends an
// object it reads /openapi/v3 and the document of the object's group
// version, and looks for a PATCH operation of the object's kind that
// accepts the fieldValidation query parameter. If it finds one, it leaves
// validation to the server (sending fieldValidation=Strict, which the
// handlers honour); if not, it validates on the client against full
// schemas, which this server does not publish.
//
// So each document lists, for every served kind, its paths with their
// operations, the x-kubernetes-group-version-kind extension and the
// fieldValidation parameter, and no schemas. Real Kubernetes publishes
// full schemas (kubectl explain needs them); those are generated from the
// API types, which is not what this chapter teaches.
//
// The handler promises:
//
//   - the index at /openapi/v3 names one document per served group
//     version, with a hash of its content in the URL (kubectl caches by it);
//   - the documents are built once, from the registry's catalogue;
//   - /openapi/v2 is not served (404): kubectl falls back from it quietly.
package openapi

import (
	"crypto/sha512"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubeling/kubeling/solutions/apiserver/registry"
)

// Handler serves /openapi/v3 and the documents it lists. It is read-only
// after NewHandler and safe for concurrent use.
type Handler struct {
	index []byte
	docs  map[string][]byte // "apis/apps/v1" → document
}

// NewHandler builds the documents of resources.
func NewHandler(resources []*registry.Resource, serverVersion string) (*Handler, error) {
	h := &Handler{docs: map[string][]byte{}}
	index := map[string]map[string]string{}
	byGV := map[schema.GroupVersion][]*registry.Resource{}
	var order []schema.GroupVersion
	for _, r := range resources {
		if _, ok := byGV[r.GroupVersion]; !ok {
			order = append(order, r.GroupVersion)
		}
		byGV[r.GroupVersion] = append(byGV[r.GroupVersion], r)
	}
	for _, gv := range order {
		doc, err := json.Marshal(document(gv, byGV[gv], serverVersion))
		if err != nil {
			return nil, fmt.Errorf("encoding the OpenAPI document of %s: %w", gv, err)
		}
		path := groupVersionPath(gv)
		h.docs[path] = doc
		index[path] = map[string]string{
			"serverRelativeURL": fmt.Sprintf("/openapi/v3/%s?hash=%X", path, sha512.Sum512(doc)),
		}
	}
	var err error
	if h.index, err = json.Marshal(map[string]any{"paths": index}); err != nil {
		return nil, fmt.Errorf("encoding the OpenAPI index: %w", err)
	}
	return h, nil
}

// ServeHTTP serves the index and the documents.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := strings.Trim(r.URL.Path, "/")
	var body []byte
	switch {
	case path == "openapi/v3":
		body = h.index
	case strings.HasPrefix(path, "openapi/v3/"):
		body = h.docs[strings.TrimPrefix(path, "openapi/v3/")]
	}
	if body == nil {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = fmt.Fprint(w, `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}`)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if r.URL.Query().Get("hash") != "" {
		// The URL names one exact content: clients may keep it forever.
		w.Header().Set("Cache-Control", "public, immutable")
	}
	_, _ = w.Write(body)
}

func groupVersionPath(gv schema.GroupVersion) string {
	if gv.Group == "" {
		return "api/" + gv.Version
	}
	return "apis/" + gv.Group + "/" + gv.Version
}

// document returns the OpenAPI v3 document of one group version.
func document(gv schema.GroupVersion, resources []*registry.Resource, serverVersion string) map[string]any {
	paths := map[string]any{}
	for _, r := range resources {
		base := "/" + groupVersionPath(gv)
		if r.Namespaced {
			base += "/namespaces/{namespace}"
		}
		collection := base + "/" + r.Name
		item := collection + "/{name}"
		gvk := map[string]string{"group": gv.Group, "version": gv.Version, "kind": r.Kind}
		if r.CreateOnly {
			paths[collection] = map[string]any{"post": operation("post", gvk, true)}
			continue
		}
		paths[collection] = map[string]any{
			"get":  operation("list", gvk, false),
			"post": operation("post", gvk, true),
		}
		paths[item] = map[string]any{
			"get":    operation("get", gvk, false),
			"put":    operation("put", gvk, true),
			"patch":  patchOperation(gvk),
			"delete": operation("delete", gvk, false),
		}
	}
	return map[string]any{
		"openapi":    "3.0.0",
		"info":       map[string]string{"title": "Kubernetes", "version": serverVersion},
		"paths":      paths,
		"components": map[string]any{"schemas": map[string]any{}},
	}
}

// operation is one operation of a path. Writes take fieldValidation.
func operation(action string, gvk map[string]string, write bool) map[string]any {
	op := map[string]any{
		"x-kubernetes-action":             action,
		"x-kubernetes-group-version-kind": gvk,
		"responses":                       map[string]any{"200": map[string]string{"description": "OK"}},
	}
	if write {
		op["parameters"] = []any{fieldValidationParameter()}
	}
	return op
}

// patchOperation is the operation kubectl inspects: its kind, its
// fieldValidation parameter, and the patch types it accepts.
func patchOperation(gvk map[string]string) map[string]any {
	op := operation("patch", gvk, true)
	content := map[string]any{}
	for _, mediaType := range []string{
		"application/json-patch+json",
		"application/merge-patch+json",
		"application/strategic-merge-patch+json",
	} {
		content[mediaType] = map[string]any{"schema": map[string]string{"type": "object"}}
	}
	op["requestBody"] = map[string]any{"content": content, "required": true}
	return op
}

func fieldValidationParameter() map[string]any {
	return map[string]any{
		"name":        "fieldValidation",
		"in":          "query",
		"description": "Ignore, Warn (the default) or Strict: what to do with unknown or duplicate fields.",
		"schema":      map[string]string{"type": "string"},
	}
}
