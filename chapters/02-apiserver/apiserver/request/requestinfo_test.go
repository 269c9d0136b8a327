package request_test

import (
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/request"
)

func TestNewRequestInfo(t *testing.T) {
	tests := []struct {
		method, url string
		want        request.RequestInfo
	}{
		{"GET", "/api/v1/namespaces/default/pods/web-1", request.RequestInfo{
			IsResourceRequest: true, Verb: "get", APIPrefix: "api", APIVersion: "v1",
			Namespace: "default", Resource: "pods", Name: "web-1"}},
		{"GET", "/api/v1/namespaces/default/pods", request.RequestInfo{
			IsResourceRequest: true, Verb: "list", APIPrefix: "api", APIVersion: "v1", Namespace: "default", Resource: "pods"}},
		{"GET", "/api/v1/pods?watch=true&resourceVersion=5", request.RequestInfo{
			IsResourceRequest: true, Verb: "watch", APIPrefix: "api", APIVersion: "v1", Resource: "pods"}},
		{"GET", "/api/v1/pods?watch=false", request.RequestInfo{
			IsResourceRequest: true, Verb: "list", APIPrefix: "api", APIVersion: "v1", Resource: "pods"}},
		{"GET", "/api/v1/watch/namespaces/default/pods", request.RequestInfo{
			IsResourceRequest: true, Verb: "watch", APIPrefix: "api", APIVersion: "v1", Namespace: "default", Resource: "pods"}},
		{"PUT", "/api/v1/namespaces/default/pods/web-1/status", request.RequestInfo{
			IsResourceRequest: true, Verb: "update", APIPrefix: "api", APIVersion: "v1",
			Namespace: "default", Resource: "pods", Name: "web-1", Subresource: "status"}},
		{"POST", "/api/v1/namespaces/default/pods/web-1/binding", request.RequestInfo{
			IsResourceRequest: true, Verb: "create", APIPrefix: "api", APIVersion: "v1",
			Namespace: "default", Resource: "pods", Name: "web-1", Subresource: "binding"}},
		{"PATCH", "/apis/apps/v1/namespaces/prod/deployments/nginx/scale", request.RequestInfo{
			IsResourceRequest: true, Verb: "patch", APIPrefix: "apis", APIGroup: "apps", APIVersion: "v1",
			Namespace: "prod", Resource: "deployments", Name: "nginx", Subresource: "scale"}},
		{"POST", "/apis/apps/v1/namespaces/prod/deployments", request.RequestInfo{
			IsResourceRequest: true, Verb: "create", APIPrefix: "apis", APIGroup: "apps", APIVersion: "v1",
			Namespace: "prod", Resource: "deployments"}},
		{"DELETE", "/apis/apps/v1/namespaces/prod/deployments/nginx", request.RequestInfo{
			IsResourceRequest: true, Verb: "delete", APIPrefix: "apis", APIGroup: "apps", APIVersion: "v1",
			Namespace: "prod", Resource: "deployments", Name: "nginx"}},
		{"DELETE", "/api/v1/namespaces/prod/pods", request.RequestInfo{
			IsResourceRequest: true, Verb: "deletecollection", APIPrefix: "api", APIVersion: "v1",
			Namespace: "prod", Resource: "pods"}},
		// The Namespace object itself, and its status.
		{"GET", "/api/v1/namespaces/prod", request.RequestInfo{
			IsResourceRequest: true, Verb: "get", APIPrefix: "api", APIVersion: "v1",
			Namespace: "prod", Resource: "namespaces", Name: "prod"}},
		{"PUT", "/api/v1/namespaces/prod/status", request.RequestInfo{
			IsResourceRequest: true, Verb: "update", APIPrefix: "api", APIVersion: "v1",
			Namespace: "prod", Resource: "namespaces", Name: "prod", Subresource: "status"}},
		{"GET", "/api/v1/namespaces", request.RequestInfo{
			IsResourceRequest: true, Verb: "list", APIPrefix: "api", APIVersion: "v1", Resource: "namespaces"}},
		{"GET", "/api/v1/nodes/node-01", request.RequestInfo{
			IsResourceRequest: true, Verb: "get", APIPrefix: "api", APIVersion: "v1", Resource: "nodes", Name: "node-01"}},
		// Not resources: discovery, version, health.
		{"GET", "/api", request.RequestInfo{Verb: "get"}},
		{"GET", "/api/v1", request.RequestInfo{Verb: "get"}},
		{"GET", "/apis/apps/v1", request.RequestInfo{Verb: "get", APIPrefix: "apis"}},
		{"GET", "/version", request.RequestInfo{Verb: "get"}},
		{"GET", "/healthz", request.RequestInfo{Verb: "get"}},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.url, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, tt.url, nil)
			got := request.NewRequestInfo(r)
			tt.want.Path = r.URL.Path
			assert.Equal(t, tt.want, *got)
		})
	}
}

func TestContextCarriesInfoAndUser(t *testing.T) {
	r := httptest.NewRequest("GET", "/api/v1/pods", nil)
	ctx := request.WithRequestInfo(r.Context(), request.NewRequestInfo(r))
	ctx = request.WithUser(ctx, request.UserInfo{Name: "alice"})

	info, ok := request.RequestInfoFrom(ctx)
	assert.True(t, ok)
	assert.Equal(t, "list", info.Verb)
	user, ok := request.UserFrom(ctx)
	assert.True(t, ok)
	assert.Equal(t, "alice", user.Name)

	_, ok = request.UserFrom(r.Context())
	assert.False(t, ok, "a fresh context carries no user")
}
