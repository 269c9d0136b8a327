package handlers_test

// The REST layer alone: handlers over real stores (SQLite in a temporary
// directory), behind only the request-info filter. The wire-level tests
// of the whole server, with kubectl and client-go, are in
// solutions/apiserver.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes/scheme"

	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/filters"
	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/handlers"
	"github.com/kubeling/kubeling/solutions/apiserver/patch"
	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/registry"
	"github.com/kubeling/kubeling/solutions/storage/sqlite"
)

func newAPI(t *testing.T) http.Handler {
	t.Helper()
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "state.db"), 10*time.Millisecond)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	var stores []*registry.Store
	for _, r := range registry.Catalogue() {
		stores = append(stores, registry.NewStore(r, registry.Options{Storage: s}))
	}
	api := filters.WithRequestInfo(handlers.New(handlers.Config{Stores: stores, Patch: patch.Apply}))
	serve(t, api, "POST", "/api/v1/namespaces", `{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"default"}}`, 201)
	return api
}

// serve sends one request and checks its code; headers alternate name, value.
func serve(t *testing.T, h http.Handler, method, url, body string, code int, headers ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, url, strings.NewReader(body))
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	require.Equal(t, code, w.Code, w.Body.String())
	return w
}

func status(t *testing.T, w *httptest.ResponseRecorder) metav1.Status {
	t.Helper()
	var s metav1.Status
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &s))
	assert.Equal(t, "Status", s.Kind)
	assert.Equal(t, int32(w.Code), s.Code)
	return s
}

const pod = `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}`

func TestRouting(t *testing.T) {
	api := newAPI(t)
	serve(t, api, "POST", "/api/v1/namespaces/default/pods", pod, 201)
	serve(t, api, "GET", "/api/v1/namespaces/default/pods/web", "", 200)
	serve(t, api, "GET", "/api/v1/namespaces/default/pods/web/status", "", 200)
	serve(t, api, "GET", "/api/v1/namespaces/default/pods", "", 200)
	serve(t, api, "GET", "/api/v1/pods", "", 200) // all namespaces
	serve(t, api, "GET", "/api/v1/namespaces/default", "", 200)
	serve(t, api, "GET", "/api/v1/nodes", "", 200)
	serve(t, api, "GET", "/apis/apps/v1/namespaces/default/deployments", "", 200)
	serve(t, api, "GET", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", "", 200)

	assert.Equal(t, metav1.StatusReasonNotFound, status(t, serve(t, api, "GET", "/api/v1/namespaces/default/widgets", "", 404)).Reason)
	serve(t, api, "GET", "/apis/apps/v2/namespaces/default/deployments", "", 404)
	serve(t, api, "GET", "/api/v1/namespaces/default/pods/web/scale", "", 404) // pods have no scale
	serve(t, api, "GET", "/api/v1/pods/web", "", 404)                          // a pod needs its namespace
	serve(t, api, "DELETE", "/api/v1/namespaces/default/pods/web/status", "", 405)
	serve(t, api, "GET", "/api/v1/namespaces/default/pods/web/binding", "", 405)

	// A namespace's finalize subresource takes only PUT: the namespace
	// controller's last write.
	serve(t, api, "GET", "/api/v1/namespaces/default/finalize", "", 405)
	serve(t, api, "PUT", "/api/v1/namespaces/default/finalize",
		`{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"default"},"spec":{"finalizers":[]}}`, 200)
	serve(t, api, "GET", "/api/v1/namespaces/default/pods/web/finalize", "", 404) // pods have none
}

// TestANamespacedObjectNeedsItsNamespace: /api/v1/pods/web names no pod at
// all, so the answer is the router's 404, not the store's "pods "web" not found".
//
// hint: a namespaced resource's object lives only under /namespaces/<ns>/: without one the URL is not a route.
func TestANamespacedObjectNeedsItsNamespace(t *testing.T) {
	api := newAPI(t)
	s := status(t, serve(t, api, "GET", "/api/v1/pods/web", "", 404))
	assert.Equal(t, "the server could not find the requested resource", s.Message)
	assert.Nil(t, s.Details, "no object was looked up")
}

func TestDecodingFormatsAndFieldValidation(t *testing.T) {
	api := newAPI(t)
	serve(t, api, "POST", "/api/v1/namespaces/default/configmaps",
		"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: yaml\n", 201, "Content-Type", "application/yaml")

	var buf bytes.Buffer
	info, _ := runtime.SerializerInfoForMediaType(scheme.Codecs.SupportedMediaTypes(), runtime.ContentTypeProtobuf)
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "protobuf"}, Data: map[string]string{"k": "v"}}
	require.NoError(t, scheme.Codecs.EncoderForVersion(info.Serializer, corev1.SchemeGroupVersion).Encode(cm, &buf))
	w := serve(t, api, "POST", "/api/v1/namespaces/default/configmaps", buf.String(), 201, "Content-Type", runtime.ContentTypeProtobuf)
	assert.Contains(t, w.Body.String(), `"data":{"k":"v"}`)

	unknown := `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"NAME"},"colour":"blue"}`
	s := status(t, serve(t, api, "POST", "/api/v1/namespaces/default/configmaps?fieldValidation=Strict", strings.Replace(unknown, "NAME", "a", 1), 400))
	assert.Contains(t, s.Message, `unknown field "colour"`)
	w = serve(t, api, "POST", "/api/v1/namespaces/default/configmaps?fieldValidation=Warn", strings.Replace(unknown, "NAME", "b", 1), 201)
	assert.Equal(t, `299 - "unknown field \"colour\""`, w.Header().Get("Warning"))
	w = serve(t, api, "POST", "/api/v1/namespaces/default/configmaps?fieldValidation=Ignore", strings.Replace(unknown, "NAME", "c", 1), 201)
	assert.Empty(t, w.Header().Get("Warning"))

	serve(t, api, "POST", "/api/v1/namespaces/default/configmaps", `{"kind":`, 400)
	serve(t, api, "POST", "/api/v1/namespaces/default/configmaps", pod, 400) // a Pod is not a ConfigMap
	serve(t, api, "POST", "/api/v1/namespaces/default/configmaps", "x", 415, "Content-Type", "text/plain")
	serve(t, api, "POST", "/api/v1/namespaces/nowhere/configmaps", strings.Replace(unknown, "NAME", "d", 1), 404)
}

func TestWatchStreamFormat(t *testing.T) {
	api := newAPI(t)
	srv := httptest.NewServer(api)
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/api/v1/namespaces/default/pods?watch=true&timeoutSeconds=5")
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	go func() {
		r, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/api/v1/namespaces/default/pods", strings.NewReader(pod))
		r.Header.Set("Content-Type", "application/json")
		if resp, err := http.DefaultClient.Do(r); err == nil {
			resp.Body.Close()
		}
	}()

	line, err := bufio.NewReader(resp.Body).ReadBytes('\n')
	require.NoError(t, err, "each event ends with a newline")
	var ev metav1.WatchEvent
	require.NoError(t, json.Unmarshal(line, &ev))
	assert.Equal(t, "ADDED", ev.Type)
	var got corev1.Pod
	require.NoError(t, json.Unmarshal(ev.Object.Raw, &got))
	assert.Equal(t, "web", got.Name)
	assert.Equal(t, "Pod", got.Kind)

	// A watch on one name sees only that object.
	serve(t, api, "POST", "/api/v1/namespaces/default/pods", strings.Replace(pod, `"web"`, `"other"`, 1), 201)
	one, err := http.Get(srv.URL + "/api/v1/namespaces/default/pods/other?watch=true&timeoutSeconds=1")
	require.NoError(t, err)
	defer one.Body.Close()
	lines, err := io.ReadAll(one.Body)
	require.NoError(t, err)
	assert.Equal(t, 1, strings.Count(string(lines), "\n"), string(lines))
	assert.Contains(t, string(lines), `"name":"other"`)
}

func TestScaleAndDeleteAnswers(t *testing.T) {
	api := newAPI(t)
	d := `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"nginx"},"spec":{"replicas":2,
"selector":{"matchLabels":{"app":"nginx"}},"template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}}}`
	serve(t, api, "POST", "/apis/apps/v1/namespaces/default/deployments", d, 201)
	w := serve(t, api, "GET", "/apis/apps/v1/namespaces/default/deployments/nginx/scale", "", 200)
	assert.Contains(t, w.Body.String(), `"spec":{"replicas":2}`)
	serve(t, api, "PUT", "/apis/apps/v1/namespaces/default/deployments/nginx/scale",
		`{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"nginx"},"spec":{"replicas":4}}`, 200)
	w = serve(t, api, "GET", "/apis/apps/v1/namespaces/default/deployments/nginx", "", 200)
	var got appsv1.Deployment
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &got))
	assert.Equal(t, int32(4), *got.Spec.Replicas)

	s := status(t, serve(t, api, "DELETE", "/apis/apps/v1/namespaces/default/deployments/nginx", "", 200))
	assert.Equal(t, metav1.StatusSuccess, s.Status)
	assert.Equal(t, got.UID, s.Details.UID)
	serve(t, api, "DELETE", "/apis/apps/v1/namespaces/default/deployments/nginx", "", 404)
}

func TestPutCreatesOnlyWhereKubernetesAllowsIt(t *testing.T) {
	api := newAPI(t)
	lease := `{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"node-01"},"spec":{"holderIdentity":"node-01"}}`
	serve(t, api, "PUT", "/apis/coordination.k8s.io/v1/namespaces/default/leases/node-01", lease, 201)
	serve(t, api, "PUT", "/apis/coordination.k8s.io/v1/namespaces/default/leases/node-01", lease, 200)
	serve(t, api, "PUT", "/apis/coordination.k8s.io/v1/namespaces/default/leases/other", lease, 400)
	serve(t, api, "PUT", "/api/v1/namespaces/default/pods/web", pod, 404)
}

// Option values Kubernetes cannot honour are 422 Invalid, naming the
// options' kind; a method a URL has no route for is 405. Each Status is
// the one Kubernetes v1.37.2 writes.
func TestBadOptionsAndMethodsAnswerAsKubernetes(t *testing.T) {
	api := newAPI(t)
	serve(t, api, "POST", "/api/v1/namespaces/default/pods", pod, 201)
	pods := "/api/v1/namespaces/default/pods"

	s := status(t, serve(t, api, "POST", pods+"?dryRun=Nope", pod, 422))
	assert.Equal(t, metav1.StatusReasonInvalid, s.Reason)
	assert.Equal(t, `CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["Nope"]: supported values: "All"`, s.Message)
	assert.Equal(t, &metav1.StatusDetails{Group: "meta.k8s.io", Kind: "CreateOptions", Causes: []metav1.StatusCause{{
		Type: metav1.CauseTypeFieldValueNotSupported, Field: "dryRun",
		Message: `Unsupported value: ["Nope"]: supported values: "All"`,
	}}}, s.Details)

	s = status(t, serve(t, api, "POST", pods+"?fieldValidation=Nope", pod, 422))
	assert.Equal(t, `CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Nope": supported values: "", "Ignore", "Strict", "Warn"`, s.Message)
	s = status(t, serve(t, api, "PUT", pods+"/web?fieldValidation=Nope", pod, 422))
	assert.Equal(t, "UpdateOptions", s.Details.Kind)
	s = status(t, serve(t, api, "PATCH", pods+"/web?dryRun=Nope", `{}`, 422, "Content-Type", "application/merge-patch+json"))
	assert.Equal(t, "PatchOptions", s.Details.Kind)
	s = status(t, serve(t, api, "DELETE", pods+"/web?dryRun=Nope", "", 422))
	assert.Equal(t, "DeleteOptions", s.Details.Kind)
	s = status(t, serve(t, api, "POST", pods+"/web/binding?fieldValidation=Nope",
		`{"apiVersion":"v1","kind":"Binding","metadata":{"name":"web"},"target":{"kind":"Node","name":"node-01"}}`, 422))
	assert.Equal(t, "CreateOptions", s.Details.Kind)
	w := serve(t, api, "GET", pods+"/web", "", 200) // none of them did anything
	assert.NotContains(t, w.Body.String(), "node-01")

	for _, req := range []struct{ method, url string }{
		{"PUT", pods}, {"PATCH", pods}, {"POST", pods + "/web"},
		{"DELETE", "/api/v1/pods"}, {"POST", "/api/v1/pods"}, {"PUT", "/api/v1/nodes"},
	} {
		s = status(t, serve(t, api, req.method, req.url, pod, 405))
		assert.Equal(t, metav1.StatusReasonMethodNotAllowed, s.Reason, req)
		assert.Equal(t, "the server does not allow this method on the requested resource", s.Message, req)
	}
	serve(t, api, "GET", pods+"/web", "", 200)
}
