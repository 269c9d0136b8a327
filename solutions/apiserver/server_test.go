package apiserver_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
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
	"k8s.io/utils/ptr"

	"github.com/kubeling/kubeling/solutions/apiserver/apiservertest"
)

const nginxDeployment = `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"nginx"},
"spec":{"replicas":1,"selector":{"matchLabels":{"app":"nginx"}},
"template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.27.0"}]}}}}`

type response struct {
	code   int
	header http.Header
	body   []byte
}

// do sends one request; headers alternate name, value.
func do(t *testing.T, method, url, body string, headers ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return response{code: resp.StatusCode, header: resp.Header, body: data}
}

// status decodes a Status answer and checks its code and reason.
func assertStatus(t *testing.T, r response, code int, reason metav1.StatusReason) metav1.Status {
	t.Helper()
	require.Equal(t, code, r.code, string(r.body))
	var s metav1.Status
	require.NoError(t, json.Unmarshal(r.body, &s), string(r.body))
	assert.Equal(t, "Status", s.Kind)
	assert.Equal(t, "v1", s.APIVersion)
	assert.Equal(t, int32(code), s.Code)
	assert.Equal(t, reason, s.Reason)
	return s
}

func TestStatusCodes(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	deployments := srv.URL + "/apis/apps/v1/namespaces/default/deployments"

	r := do(t, "POST", deployments, nginxDeployment)
	require.Equal(t, 201, r.code, string(r.body))
	var created appsv1.Deployment
	require.NoError(t, json.Unmarshal(r.body, &created))

	assertStatus(t, do(t, "POST", deployments, nginxDeployment), 409, metav1.StatusReasonAlreadyExists)
	s := assertStatus(t, do(t, "GET", deployments+"/missing", ""), 404, metav1.StatusReasonNotFound)
	assert.Equal(t, `deployments.apps "missing" not found`, s.Message)
	assert.Equal(t, "missing", s.Details.Name)
	assert.Equal(t, "apps", s.Details.Group)
	assert.Equal(t, "deployments", s.Details.Kind)
	assertStatus(t, do(t, "GET", srv.URL+"/apis/apps/v1/namespaces/default/widgets", ""), 404, metav1.StatusReasonNotFound)
	assertStatus(t, do(t, "GET", srv.URL+"/nowhere", ""), 404, metav1.StatusReasonNotFound)

	// A stale resourceVersion.
	stale := strings.Replace(nginxDeployment, `"name":"nginx"`, `"name":"nginx","resourceVersion":"1"`, 1)
	assertStatus(t, do(t, "PUT", deployments+"/nginx", stale), 409, metav1.StatusReasonConflict)
	// The namespace in the body must be the URL's.
	other := strings.Replace(nginxDeployment, `"name":"nginx"`, `"name":"web","namespace":"prod"`, 1)
	assertStatus(t, do(t, "POST", deployments, other), 400, metav1.StatusReasonBadRequest)
	// Nothing is created in a namespace that does not exist.
	s = assertStatus(t, do(t, "POST", srv.URL+"/apis/apps/v1/namespaces/nowhere/deployments", nginxDeployment), 404, metav1.StatusReasonNotFound)
	assert.Equal(t, `namespaces "nowhere" not found`, s.Message)
	// Malformed, empty, wrong kind, unknown format.
	assertStatus(t, do(t, "POST", deployments, `{"apiVersion":"apps/v1","kind":"Deployment","metadata":`), 400, metav1.StatusReasonBadRequest)
	assertStatus(t, do(t, "POST", deployments, ``, "Content-Type", "application/json"), 400, metav1.StatusReasonBadRequest)
	assertStatus(t, do(t, "POST", deployments, `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}}`), 400, metav1.StatusReasonBadRequest)
	assertStatus(t, do(t, "POST", deployments, nginxDeployment, "Content-Type", "text/plain"), 415, metav1.StatusReasonUnsupportedMediaType)
	assertStatus(t, do(t, "GET", deployments, "", "Accept", "application/vnd.kubernetes.protobuf"), 406, "NotAcceptable")
	// A verb a subresource does not serve.
	assertStatus(t, do(t, "DELETE", deployments+"/nginx/status", ""), 405, metav1.StatusReasonMethodNotAllowed)
	// 413 for a body over 3 MiB.
	huge := `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"big"},"data":{"x":"` + strings.Repeat("x", 4<<20) + `"}}`
	assertStatus(t, do(t, "POST", srv.URL+"/api/v1/namespaces/default/configmaps", huge), 413, metav1.StatusReasonRequestEntityTooLarge)
	// Bad selectors and list options.
	assertStatus(t, do(t, "GET", srv.URL+"/api/v1/pods?fieldSelector=spec.foo%3Dbar", ""), 400, metav1.StatusReasonBadRequest)
	assertStatus(t, do(t, "GET", srv.URL+"/api/v1/pods?limit=abc", ""), 400, metav1.StatusReasonBadRequest)
	assertStatus(t, do(t, "GET", srv.URL+"/api/v1/pods?continue=forged", ""), 400, metav1.StatusReasonBadRequest)
}

func TestInvalidObjectsAre422WithFieldPaths(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	r := do(t, "POST", srv.URL+"/api/v1/namespaces/default/configmaps", `{"apiVersion":"v1","kind":"ConfigMap","metadata":{}}`)
	s := assertStatus(t, r, 422, metav1.StatusReasonInvalid)
	require.NotNil(t, s.Details)
	require.NotEmpty(t, s.Details.Causes)
	assert.Equal(t, "metadata.name", s.Details.Causes[0].Field)

	// The rule every Deployment must keep: its selector selects its pods.
	mismatch := strings.Replace(nginxDeployment, `"labels":{"app":"nginx"}`, `"labels":{"app":"web"}`, 1)
	r = do(t, "POST", srv.URL+"/apis/apps/v1/namespaces/default/deployments", mismatch)
	s = assertStatus(t, r, 422, metav1.StatusReasonInvalid)
	assert.Contains(t, s.Message, "`selector` does not match template `labels`")
	assert.Equal(t, "spec.template.metadata.labels", s.Details.Causes[0].Field)
	assert.Equal(t, "Deployment", s.Details.Kind)
	assert.Equal(t, "apps", s.Details.Group)
}

func TestRequestBodiesInJSONYAMLAndProtobuf(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	configmaps := srv.URL + "/api/v1/namespaces/default/configmaps"

	yamlBody := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  greeting: hello\n"
	r := do(t, "POST", configmaps, yamlBody, "Content-Type", "application/yaml")
	require.Equal(t, 201, r.code, string(r.body))
	assert.Equal(t, "application/json", r.header.Get("Content-Type"))
	assert.Contains(t, string(r.body), `"greeting":"hello"`)

	// Protobuf, as kubectl create deployment and client-go's typed clients send.
	var buf bytes.Buffer
	info, ok := runtime.SerializerInfoForMediaType(scheme.Codecs.SupportedMediaTypes(), runtime.ContentTypeProtobuf)
	require.True(t, ok)
	encoder := scheme.Codecs.EncoderForVersion(info.Serializer, appsv1.SchemeGroupVersion)
	d := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "from-protobuf"},
		Spec: appsv1.DeploymentSpec{
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "pb"}},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "pb"}},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "tomcat", Image: "tomcat:8"}}},
			},
		},
	}
	require.NoError(t, encoder.Encode(d, &buf))
	r = do(t, "POST", srv.URL+"/apis/apps/v1/namespaces/default/deployments", buf.String(),
		"Content-Type", runtime.ContentTypeProtobuf, "Accept", "application/vnd.kubernetes.protobuf, application/json")
	require.Equal(t, 201, r.code, string(r.body))
	var got appsv1.Deployment
	require.NoError(t, json.Unmarshal(r.body, &got))
	assert.Equal(t, "tomcat:8", got.Spec.Template.Spec.Containers[0].Image)
	assert.Equal(t, int32(1), *got.Spec.Replicas, "defaulted")

	// YAML out, when asked.
	r = do(t, "GET", configmaps+"/from-yaml", "", "Accept", "application/yaml")
	require.Equal(t, 200, r.code)
	assert.Equal(t, "application/yaml", r.header.Get("Content-Type"))
	assert.Contains(t, string(r.body), "greeting: hello")
}

func TestFieldValidation(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	configmaps := srv.URL + "/api/v1/namespaces/default/configmaps"
	body := func(name string) string {
		return `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"` + name + `"},"data":{"a":"1"},"spec":{"foo":1}}`
	}

	s := assertStatus(t, do(t, "POST", configmaps+"?fieldValidation=Strict", body("strict")), 400, metav1.StatusReasonBadRequest)
	assert.Contains(t, s.Message, `strict decoding error: unknown field "spec"`)

	r := do(t, "POST", configmaps+"?fieldValidation=Warn", body("warn"))
	require.Equal(t, 201, r.code, string(r.body))
	assert.Equal(t, []string{`299 - "unknown field \"spec\""`}, r.header.Values("Warning"))

	r = do(t, "POST", configmaps, body("default")) // Warn is the default
	require.Equal(t, 201, r.code, string(r.body))
	assert.Len(t, r.header.Values("Warning"), 1)

	r = do(t, "POST", configmaps+"?fieldValidation=Ignore", body("ignore"))
	require.Equal(t, 201, r.code, string(r.body))
	assert.Empty(t, r.header.Values("Warning"))

	dup := `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dup","name":"dup2"}}`
	s = assertStatus(t, do(t, "POST", configmaps+"?fieldValidation=Strict", dup), 400, metav1.StatusReasonBadRequest)
	assert.Contains(t, s.Message, `duplicate field "metadata.name"`)

	// An unknown value is refused as Kubernetes refuses it: 422, naming the options.
	s = assertStatus(t, do(t, "POST", configmaps+"?fieldValidation=Sometimes", body("x")), 422, metav1.StatusReasonInvalid)
	assert.Contains(t, s.Message, `CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Sometimes"`)
}

func TestTables(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	r := do(t, "POST", srv.URL+"/apis/apps/v1/namespaces/default/deployments", nginxDeployment)
	require.Equal(t, 201, r.code)

	accept := "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"
	r = do(t, "GET", srv.URL+"/apis/apps/v1/namespaces/default/deployments", "", "Accept", accept)
	require.Equal(t, 200, r.code, string(r.body))
	assert.Equal(t, "application/json;as=Table;v=v1;g=meta.k8s.io", r.header.Get("Content-Type"))
	var table metav1.Table
	require.NoError(t, json.Unmarshal(r.body, &table))
	assert.Equal(t, "Table", table.Kind)
	var columns []string
	for _, c := range table.ColumnDefinitions {
		if c.Priority == 0 {
			columns = append(columns, c.Name)
		}
	}
	assert.Equal(t, []string{"Name", "Ready", "Up-to-date", "Available", "Age"}, columns)
	require.Len(t, table.Rows, 1)
	assert.Equal(t, "nginx", table.Rows[0].Cells[0])
	assert.NotEmpty(t, table.ResourceVersion, "kubectl get -w watches from the table's resourceVersion")
	assert.Contains(t, string(table.Rows[0].Object.Raw), `"kind":"PartialObjectMetadata"`)

	r = do(t, "GET", srv.URL+"/apis/apps/v1/namespaces/default/deployments/nginx?includeObject=Object", "", "Accept", accept)
	require.NoError(t, json.Unmarshal(r.body, &table))
	assert.Contains(t, string(table.Rows[0].Object.Raw), `"kind":"Deployment"`)

	// An includeObject the server does not know is the client's mistake,
	// a 400, even when there is no row to carry an object.
	r = do(t, "GET", srv.URL+"/api/v1/namespaces/default/pods?includeObject=Everything", "", "Accept", accept)
	assert.Equal(t, 400, r.code, string(r.body))

	// Metadata only, as the garbage collector's informers ask.
	r = do(t, "GET", srv.URL+"/apis/apps/v1/deployments", "", "Accept", "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io")
	require.Equal(t, 200, r.code)
	var partial metav1.PartialObjectMetadataList
	require.NoError(t, json.Unmarshal(r.body, &partial))
	require.Len(t, partial.Items, 1)
	assert.Equal(t, "nginx", partial.Items[0].Name)
	assert.NotEmpty(t, partial.ResourceVersion, "a metadata informer watches from the list's resourceVersion")
}

// watchLines opens a watch and returns a function reading its next event.
func watchLines(t *testing.T, url string, headers ...string) (next func() metav1.WatchEvent, resp *http.Response) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	require.NoError(t, err)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { resp.Body.Close() })
	lines := make(chan []byte)
	go func() {
		defer close(lines)
		scanner := bufio.NewScanner(resp.Body)
		scanner.Buffer(nil, 4<<20)
		for scanner.Scan() {
			lines <- append([]byte(nil), scanner.Bytes()...)
		}
	}()
	return func() metav1.WatchEvent {
		t.Helper()
		select {
		case line, ok := <-lines:
			require.True(t, ok, "the stream ended")
			var ev metav1.WatchEvent
			require.NoError(t, json.Unmarshal(line, &ev), string(line))
			return ev
		case <-time.After(5 * time.Second):
			t.Fatal("no watch event within 5s")
			return metav1.WatchEvent{}
		}
	}, resp
}

func TestWatchStreamOnTheWire(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	ctx := context.Background()
	list, err := srv.Client.CoreV1().Pods("default").List(ctx, metav1.ListOptions{})
	require.NoError(t, err)

	next, resp := watchLines(t, srv.URL+"/api/v1/namespaces/default/pods?watch=true&resourceVersion="+list.ResourceVersion)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, []string{"chunked"}, resp.TransferEncoding)
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))

	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web"}, Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "nginx"}}}}
	_, err = srv.Client.CoreV1().Pods("default").Create(ctx, pod, metav1.CreateOptions{})
	require.NoError(t, err)
	ev := next()
	assert.Equal(t, "ADDED", ev.Type)
	var got corev1.Pod
	require.NoError(t, json.Unmarshal(ev.Object.Raw, &got))
	assert.Equal(t, "web", got.Name)
	assert.Equal(t, "Pod", got.Kind)
	assert.NotEmpty(t, got.ResourceVersion)

	require.NoError(t, srv.Client.CoreV1().Pods("default").Delete(ctx, "web", metav1.DeleteOptions{}))
	assert.Equal(t, "DELETED", next().Type)

	// kubectl get -w: Tables, with column definitions only in the first.
	accept := "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"
	next, resp = watchLines(t, srv.URL+"/api/v1/namespaces?watch=true&timeoutSeconds=10", "Accept", accept)
	assert.Equal(t, "application/json;as=Table;v=v1;g=meta.k8s.io", resp.Header.Get("Content-Type"))
	var first, second metav1.Table
	ev = next()
	assert.Equal(t, "ADDED", ev.Type)
	require.NoError(t, json.Unmarshal(ev.Object.Raw, &first))
	assert.NotEmpty(t, first.ColumnDefinitions)
	require.NoError(t, json.Unmarshal(next().Object.Raw, &second))
	assert.Empty(t, second.ColumnDefinitions)
	assert.Len(t, second.Rows, 1)
}

func TestWatchEndsAfterTimeoutSeconds(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	start := time.Now()
	r := do(t, "GET", srv.URL+"/api/v1/nodes?watch=1&resourceVersion=1&timeoutSeconds=1", "")
	assert.Equal(t, 200, r.code)
	assert.Empty(t, r.body)
	assert.Less(t, time.Since(start), 5*time.Second)
}

func TestWatchFromACompactedVersionGetsAnErrorEventWith410(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	ctx := context.Background()
	for i := range 3 {
		_, err := srv.Client.CoreV1().ConfigMaps("default").Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprint("c", i)}}, metav1.CreateOptions{})
		require.NoError(t, err)
	}
	rv, err := srv.Storage.CurrentResourceVersion(ctx)
	require.NoError(t, err)
	require.NoError(t, srv.Storage.Compact(ctx, rv))

	next, resp := watchLines(t, srv.URL+"/api/v1/configmaps?watch=true&resourceVersion=2")
	assert.Equal(t, 200, resp.StatusCode, "the error comes inside the stream, as Kubernetes sends it")
	ev := next()
	assert.Equal(t, "ERROR", ev.Type)
	var status metav1.Status
	require.NoError(t, json.Unmarshal(ev.Object.Raw, &status))
	assert.Equal(t, "Status", status.Kind)
	assert.Equal(t, int32(410), status.Code)
	assert.Equal(t, metav1.StatusReasonExpired, status.Reason)
}

func TestScaleSubresource(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	deployments := srv.URL + "/apis/apps/v1/namespaces/default/deployments"
	require.Equal(t, 201, do(t, "POST", deployments, nginxDeployment).code)

	r := do(t, "GET", deployments+"/nginx/scale", "")
	require.Equal(t, 200, r.code, string(r.body))
	assert.Contains(t, string(r.body), `"kind":"Scale","apiVersion":"autoscaling/v1"`)
	assert.Contains(t, string(r.body), `"spec":{"replicas":1}`)
	assert.Contains(t, string(r.body), `"selector":"app=nginx"`)

	// kubectl scale: a merge patch on the Scale.
	r = do(t, "PATCH", deployments+"/nginx/scale", `{"spec":{"replicas":3}}`, "Content-Type", "application/merge-patch+json")
	require.Equal(t, 200, r.code, string(r.body))
	assert.Contains(t, string(r.body), `"spec":{"replicas":3}`)

	d, err := srv.Client.AppsV1().Deployments("default").Get(context.Background(), "nginx", metav1.GetOptions{})
	require.NoError(t, err)
	assert.Equal(t, int32(3), *d.Spec.Replicas)
	assert.Equal(t, int64(2), d.Generation)

	// A Scale that names a stale resourceVersion is refused.
	scale := fmt.Sprintf(`{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"nginx","namespace":"default","resourceVersion":"%d"},"spec":{"replicas":5}}`, 1)
	assertStatus(t, do(t, "PUT", deployments+"/nginx/scale", scale), 409, metav1.StatusReasonConflict)
	scale = `{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"nginx","namespace":"default"},"spec":{"replicas":5}}`
	require.Equal(t, 200, do(t, "PUT", deployments+"/nginx/scale", scale).code)
}

// TestScaleSubresourceOfReplicationController: kubectl scale and the
// autoscaler read an RC through the same autoscaling/v1 Scale as a
// Deployment; its map selector appears as a label-selector string
// ("app=web,tier=front"), which is what the autoscaler lists pods with.
func TestScaleSubresourceOfReplicationController(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	rcs := srv.URL + "/api/v1/namespaces/default/replicationcontrollers"
	rc := `{"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"web"},"spec":{"replicas":2,
"template":{"metadata":{"labels":{"app":"web","tier":"front"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.27.0"}]}}}}`
	require.Equal(t, 201, do(t, "POST", rcs, rc).code)

	r := do(t, "GET", rcs+"/web/scale", "")
	require.Equal(t, 200, r.code, string(r.body))
	assert.Contains(t, string(r.body), `"kind":"Scale","apiVersion":"autoscaling/v1"`)
	assert.Contains(t, string(r.body), `"spec":{"replicas":2}`)
	assert.Contains(t, string(r.body), `"selector":"app=web,tier=front"`)

	r = do(t, "PATCH", rcs+"/web/scale", `{"spec":{"replicas":3}}`, "Content-Type", "application/merge-patch+json")
	require.Equal(t, 200, r.code, string(r.body))
	got, err := srv.Client.CoreV1().ReplicationControllers("default").Get(context.Background(), "web", metav1.GetOptions{})
	require.NoError(t, err)
	assert.Equal(t, int32(3), *got.Spec.Replicas, "the Scale's replicas reach the RC's spec")
	assert.Equal(t, int64(2), got.Generation)
}

func TestBindingAssignsOnce(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	ctx := context.Background()
	pods := srv.Client.CoreV1().Pods("default")
	_, err := pods.Create(ctx, &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "nginx"}}}}, metav1.CreateOptions{})
	require.NoError(t, err)

	binding := &corev1.Binding{ObjectMeta: metav1.ObjectMeta{Name: "web"}, Target: corev1.ObjectReference{Kind: "Node", Name: "node-02"}}
	require.NoError(t, pods.Bind(ctx, binding, metav1.CreateOptions{}))
	p, err := pods.Get(ctx, "web", metav1.GetOptions{})
	require.NoError(t, err)
	assert.Equal(t, "node-02", p.Spec.NodeName)
	require.NotEmpty(t, p.Status.Conditions)
	assert.Equal(t, corev1.PodScheduled, p.Status.Conditions[0].Type)

	binding.Target.Name = "node-01"
	r := do(t, "POST", srv.URL+"/api/v1/namespaces/default/pods/web/binding",
		`{"apiVersion":"v1","kind":"Binding","metadata":{"name":"web"},"target":{"kind":"Node","name":"node-01"}}`)
	s := assertStatus(t, r, 409, metav1.StatusReasonConflict)
	assert.Contains(t, s.Message, `pod web is already assigned to node "node-02"`)
}

func TestPatchTypes(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	deployments := srv.URL + "/apis/apps/v1/namespaces/default/deployments"
	sidecar := strings.Replace(nginxDeployment, `{"name":"nginx","image":"nginx:1.27.0"}`,
		`{"name":"nginx","image":"nginx:1.27.0"},{"name":"log","image":"busybox"}]`, 1)
	sidecar = strings.Replace(sidecar, `"busybox"}]]`, `"busybox"}]`, 1)
	require.Equal(t, 201, do(t, "POST", deployments, sidecar).code)

	// Strategic merge patch: a list of containers merges by name (kubectl set image).
	r := do(t, "PATCH", deployments+"/nginx", `{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27.1"}]}}}}`,
		"Content-Type", "application/strategic-merge-patch+json")
	require.Equal(t, 200, r.code, string(r.body))
	var d appsv1.Deployment
	require.NoError(t, json.Unmarshal(r.body, &d))
	require.Len(t, d.Spec.Template.Spec.Containers, 2)
	assert.Equal(t, "nginx:1.27.1", d.Spec.Template.Spec.Containers[0].Image)

	// Merge patch: a list is replaced whole.
	r = do(t, "PATCH", deployments+"/nginx", `{"metadata":{"labels":{"tier":"web"}}}`, "Content-Type", "application/merge-patch+json")
	require.Equal(t, 200, r.code, string(r.body))
	assert.Contains(t, string(r.body), `"tier":"web"`)

	// JSON patch (kubectl rollout undo).
	r = do(t, "PATCH", deployments+"/nginx", `[{"op":"replace","path":"/spec/replicas","value":2}]`, "Content-Type", "application/json-patch+json")
	require.Equal(t, 200, r.code, string(r.body))
	require.NoError(t, json.Unmarshal(r.body, &d))
	assert.Equal(t, int32(2), *d.Spec.Replicas)

	// A patch that does not apply, or names a stale version, or is not a patch.
	assertStatus(t, do(t, "PATCH", deployments+"/nginx", `[{"op":"test","path":"/spec/replicas","value":7}]`,
		"Content-Type", "application/json-patch+json"), 422, metav1.StatusReasonInvalid)
	assertStatus(t, do(t, "PATCH", deployments+"/nginx", `{"metadata":{"resourceVersion":"1"},"spec":{"replicas":4}}`,
		"Content-Type", "application/merge-patch+json"), 409, metav1.StatusReasonConflict)
	assertStatus(t, do(t, "PATCH", deployments+"/nginx", `{"spec":`, "Content-Type", "application/merge-patch+json"), 400, metav1.StatusReasonBadRequest)
	assertStatus(t, do(t, "PATCH", deployments+"/nginx", `{}`, "Content-Type", "application/json"), 415, metav1.StatusReasonUnsupportedMediaType)

	// A status patch changes only status.
	r = do(t, "PATCH", deployments+"/nginx/status", `{"spec":{"replicas":9},"status":{"replicas":2}}`, "Content-Type", "application/merge-patch+json")
	require.Equal(t, 200, r.code, string(r.body))
	require.NoError(t, json.Unmarshal(r.body, &d))
	assert.Equal(t, int32(2), *d.Spec.Replicas)
	assert.Equal(t, int32(2), d.Status.Replicas)
}

func TestDeleteAnswers(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	deployments := srv.URL + "/apis/apps/v1/namespaces/default/deployments"
	r := do(t, "POST", deployments, nginxDeployment)
	require.Equal(t, 201, r.code)
	var created appsv1.Deployment
	require.NoError(t, json.Unmarshal(r.body, &created))

	// kubectl delete sends a DeleteOptions body.
	r = do(t, "DELETE", deployments+"/nginx", `{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background"}`)
	require.Equal(t, 200, r.code, string(r.body))
	var s metav1.Status
	require.NoError(t, json.Unmarshal(r.body, &s))
	assert.Equal(t, metav1.StatusSuccess, s.Status)
	assert.Equal(t, "deployments", s.Details.Kind)
	assert.Equal(t, created.UID, s.Details.UID)

	// Pods answer with the pod, marked when it must stop on its node.
	pods := srv.Client.CoreV1().Pods("default")
	_, err := pods.Create(context.Background(), &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: corev1.PodSpec{NodeName: "node-01", Containers: []corev1.Container{{Name: "c", Image: "nginx"}}}}, metav1.CreateOptions{})
	require.NoError(t, err)
	r = do(t, "DELETE", srv.URL+"/api/v1/namespaces/default/pods/web?gracePeriodSeconds=10", "")
	require.Equal(t, 200, r.code, string(r.body))
	var p corev1.Pod
	require.NoError(t, json.Unmarshal(r.body, &p))
	assert.Equal(t, "Pod", p.Kind)
	require.NotNil(t, p.DeletionTimestamp)
	assert.Equal(t, int64(10), *p.DeletionGracePeriodSeconds)

	require.NoError(t, pods.Delete(context.Background(), "web", metav1.DeleteOptions{GracePeriodSeconds: ptr.To[int64](0)}))
	_, err = pods.Get(context.Background(), "web", metav1.GetOptions{})
	assert.True(t, isNotFound(err))
}
