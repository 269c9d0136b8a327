package patch

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// deployment is the seed's nginx Deployment as stored: two containers, so
// that a patch that replaced the list instead of merging it would show.
func deployment(t testing.TB) []byte {
	t.Helper()
	replicas := int32(1)
	d := &appsv1.Deployment{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"},
		ObjectMeta: metav1.ObjectMeta{Name: "nginx", Namespace: "default", ResourceVersion: "7", Labels: map[string]string{"app": "nginx"}},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "nginx"}},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "nginx"}},
				Spec: corev1.PodSpec{Containers: []corev1.Container{
					{Name: "nginx", Image: "nginx:1.27.0", Ports: []corev1.ContainerPort{{ContainerPort: 80, Protocol: corev1.ProtocolTCP}}},
					{Name: "log", Image: "busybox:1.36"},
				}},
			},
		},
	}
	data, err := json.Marshal(d)
	require.NoError(t, err)
	return data
}

func decodeDeployment(t *testing.T, data []byte) *appsv1.Deployment {
	t.Helper()
	var d appsv1.Deployment
	require.NoError(t, json.Unmarshal(data, &d))
	return &d
}

// statusCode extracts the HTTP code Apply's error maps to.
func statusCode(t *testing.T, err error) int32 {
	t.Helper()
	require.Error(t, err)
	var status *apierrors.StatusError
	require.ErrorAs(t, err, &status, "Apply must return *StatusError, got %T: %v", err, err)
	return status.ErrStatus.Code
}

// `kubectl set image deployment/nginx nginx=nginx:1.28.0` sends this
// strategic merge patch: the container is found by its name (the list's
// patchMergeKey), the other container stays.
func TestStrategicMergePatchMergesContainersByName(t *testing.T) {
	patch := `{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28.0"}]}}}}`
	out, err := Apply(types.StrategicMergePatchType, deployment(t), []byte(patch), &appsv1.Deployment{})
	require.NoError(t, err)
	d := decodeDeployment(t, out)
	require.Len(t, d.Spec.Template.Spec.Containers, 2)
	assert.Equal(t, "nginx:1.28.0", d.Spec.Template.Spec.Containers[0].Image)
	assert.Equal(t, int32(80), d.Spec.Template.Spec.Containers[0].Ports[0].ContainerPort, "fields the patch does not name stay")
	assert.Equal(t, "busybox:1.36", d.Spec.Template.Spec.Containers[1].Image)
	assert.Equal(t, "apps/v1", d.APIVersion)
	assert.Equal(t, "7", d.ResourceVersion)
}

// The same patch as a JSON merge patch replaces the whole list: the
// difference between the two is why kubectl uses the strategic one.
func TestMergePatchReplacesLists(t *testing.T) {
	patch := `{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28.0"}]}}}}`
	out, err := Apply(types.MergePatchType, deployment(t), []byte(patch), &appsv1.Deployment{})
	require.NoError(t, err)
	d := decodeDeployment(t, out)
	require.Len(t, d.Spec.Template.Spec.Containers, 1)
	assert.Empty(t, d.Spec.Template.Spec.Containers[0].Ports)
}

func TestStrategicMergePatchDirectivesAndLabels(t *testing.T) {
	tests := []struct {
		name  string
		patch string
		check func(t *testing.T, d *appsv1.Deployment)
	}{
		{"kubectl label", `{"metadata":{"labels":{"tier":"web"}}}`, func(t *testing.T, d *appsv1.Deployment) {
			assert.Equal(t, map[string]string{"app": "nginx", "tier": "web"}, d.Labels)
		}},
		{"kubectl label app-", `{"metadata":{"labels":{"app":null}}}`, func(t *testing.T, d *appsv1.Deployment) {
			assert.Empty(t, d.Labels)
		}},
		{"delete one container", `{"spec":{"template":{"spec":{"containers":[{"name":"log","$patch":"delete"}]}}}}`, func(t *testing.T, d *appsv1.Deployment) {
			require.Len(t, d.Spec.Template.Spec.Containers, 1)
			assert.Equal(t, "nginx", d.Spec.Template.Spec.Containers[0].Name)
		}},
		{"add a container", `{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"envoy:1"}]}}}}`, func(t *testing.T, d *appsv1.Deployment) {
			require.Len(t, d.Spec.Template.Spec.Containers, 3)
		}},
		{"reorder", `{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"log"},{"name":"nginx"}]}}}}`, func(t *testing.T, d *appsv1.Deployment) {
			assert.Equal(t, "log", d.Spec.Template.Spec.Containers[0].Name)
		}},
		{"unknown fields are dropped", `{"spec":{"replicas":3,"noSuchField":true}}`, func(t *testing.T, d *appsv1.Deployment) {
			assert.Equal(t, int32(3), *d.Spec.Replicas)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Apply(types.StrategicMergePatchType, deployment(t), []byte(tt.patch), &appsv1.Deployment{})
			require.NoError(t, err)
			assert.NotContains(t, string(out), "noSuchField")
			tt.check(t, decodeDeployment(t, out))
		})
	}
}

// `kubectl scale deployment nginx --replicas=3` sends a merge patch to the
// scale subresource.
func TestMergePatchScale(t *testing.T) {
	current := `{"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"nginx","namespace":"default","resourceVersion":"7"},"spec":{"replicas":1},"status":{"replicas":1,"selector":"app=nginx"}}`
	out, err := Apply(types.MergePatchType, []byte(current), []byte(`{"spec":{"replicas":3}}`), &autoscalingv1.Scale{})
	require.NoError(t, err)
	var s autoscalingv1.Scale
	require.NoError(t, json.Unmarshal(out, &s))
	assert.Equal(t, int32(3), s.Spec.Replicas)
	assert.Equal(t, "app=nginx", s.Status.Selector)
}

// `kubectl rollout undo` sends a JSON patch that replaces the template and
// the change-cause annotation.
func TestJSONPatchRolloutUndo(t *testing.T) {
	patch := `[
		{"op":"replace","path":"/spec/template","value":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.26.0"}]}}},
		{"op":"add","path":"/metadata/annotations","value":{"deployment.kubernetes.io/revision":"3"}}
	]`
	out, err := Apply(types.JSONPatchType, deployment(t), []byte(patch), &appsv1.Deployment{})
	require.NoError(t, err)
	d := decodeDeployment(t, out)
	require.Len(t, d.Spec.Template.Spec.Containers, 1)
	assert.Equal(t, "nginx:1.26.0", d.Spec.Template.Spec.Containers[0].Image)
	assert.Equal(t, "3", d.Annotations["deployment.kubernetes.io/revision"])
}

func TestErrorsMapToKubernetesStatusCodes(t *testing.T) {
	tooMany := make([]string, maxJSONPatchOperations+1)
	for i := range tooMany {
		tooMany[i] = `{"op":"test","path":"/kind","value":"Deployment"}`
	}
	tests := []struct {
		name     string
		pt       types.PatchType
		patch    string
		want     int32
		contains string
	}{
		{"not JSON", types.MergePatchType, `{"spec":`, http.StatusBadRequest, "invalid JSON patch"},
		{"empty body", types.StrategicMergePatchType, ``, http.StatusBadRequest, "invalid JSON patch"},
		{"JSON patch is not a list", types.JSONPatchType, `{"op":"add"}`, http.StatusBadRequest, ""},
		{"JSON patch test fails", types.JSONPatchType, `[{"op":"test","path":"/spec/replicas","value":5}]`, http.StatusUnprocessableEntity,
			"the server rejected our request due to an error in our request"},
		{"JSON patch path missing", types.JSONPatchType, `[{"op":"replace","path":"/spec/nothing/here","value":1}]`, http.StatusUnprocessableEntity, ""},
		{"too many operations", types.JSONPatchType, "[" + strings.Join(tooMany, ",") + "]", http.StatusRequestEntityTooLarge,
			"The allowed maximum operations in a JSON patch is 10000, got 10001"},
		{"wrong type after merge", types.MergePatchType, `{"spec":{"replicas":"three"}}`, http.StatusUnprocessableEntity, "patch: Invalid value"},
		{"merge patch replaces the object", types.MergePatchType, `[1,2]`, http.StatusUnprocessableEntity, "patch: Invalid value"},
		{"wrong type after strategic merge", types.StrategicMergePatchType, `{"spec":{"replicas":"three"}}`, http.StatusUnprocessableEntity, "patch: Invalid value"},
		{"strategic patch is not an object", types.StrategicMergePatchType, `[1]`, http.StatusBadRequest, ""},
		{"bad retainKeys", types.StrategicMergePatchType, `{"spec":{"$retainKeys":"replicas"}}`, http.StatusBadRequest, "invalid patch format of retainKeys"},
		{"unknown directive", types.StrategicMergePatchType, `{"spec":{"template":{"spec":{"containers":[{"name":"log","$patch":"explode"}]}}}}`,
			http.StatusInternalServerError, "unknown patch type"},
		{"server-side apply", types.ApplyYAMLPatchType, `{}`, http.StatusUnsupportedMediaType,
			"accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Apply(tt.pt, deployment(t), []byte(tt.patch), &appsv1.Deployment{})
			assert.Equal(t, tt.want, statusCode(t, err), "%v", err)
			assert.Contains(t, err.Error(), tt.contains)
		})
	}
}

// A resource without a Go type (a custom resource) takes JSON and merge
// patches, and its result is not checked against a type.
func TestWithoutSchema(t *testing.T) {
	current := `{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":1,"extra":"x"}}`
	out, err := Apply(types.MergePatchType, []byte(current), []byte(`{"spec":{"size":2}}`), nil)
	require.NoError(t, err)
	assert.JSONEq(t, `{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":2,"extra":"x"}}`, string(out))

	_, err = Apply(types.StrategicMergePatchType, []byte(current), []byte(`{"spec":{"size":2}}`), nil)
	assert.Equal(t, int32(http.StatusUnsupportedMediaType), statusCode(t, err))
	assert.Contains(t, err.Error(), "application/json-patch+json, application/merge-patch+json")
	assert.NotContains(t, err.Error(), "strategic")
}

func TestApplyDoesNotModifyItsInputs(t *testing.T) {
	current := deployment(t)
	patch := []byte(`{"spec":{"replicas":3}}`)
	before, beforePatch := string(current), string(patch)
	for _, pt := range []types.PatchType{types.MergePatchType, types.StrategicMergePatchType} {
		_, err := Apply(pt, current, patch, &appsv1.Deployment{})
		require.NoError(t, err)
	}
	assert.Equal(t, before, string(current))
	assert.Equal(t, beforePatch, string(patch))
}

func BenchmarkStrategicMergePatchDeployment(b *testing.B) {
	current := deployment(b)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n++
		patch := fmt.Appendf(nil, `{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.%d.0"}]}}}}`, n%30)
		if _, err := Apply(types.StrategicMergePatchType, current, patch, &appsv1.Deployment{}); err != nil {
			b.Fatal(err)
		}
	}
}
