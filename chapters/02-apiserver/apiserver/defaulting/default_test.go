package defaulting

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kubeling/kubeling/solutions/apiserver/goldentest"
)

// TestDefaultMatchesKubernetes compares Default with a real apiserver's
// defaulting. The golden files were recorded by the oracle in
// tools/oracle (make golden) from Kubernetes v1.37.2: the scheme's
// defaulters (pkg/apis/core/v1, pkg/apis/apps/v1), then for pods the
// Priority and DefaultTolerationSeconds admission plugins. The cases here
// are pods, Deployments, ReplicaSets and ReplicationControllers (whose
// selector and labels come from the template's labels when left out, and
// stay as they are when given); the other kinds' are package
// defaulting/resources'.
func TestDefaultMatchesKubernetes(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.input.json")
	require.NoError(t, err)
	require.NotEmpty(t, inputs)
	for _, input := range inputs {
		name := strings.TrimSuffix(filepath.Base(input), ".input.json")
		t.Run(name, func(t *testing.T) {
			obj := goldentest.Decode(t, input)
			Default(obj)
			got, err := json.Marshal(obj)
			require.NoError(t, err)
			want, err := os.ReadFile(strings.TrimSuffix(input, ".input.json") + ".golden.json")
			require.NoError(t, err)
			assert.JSONEq(t, string(want), string(got))
		})
	}
}

// TestDefaultIsIdempotent: the apiserver defaults on create and again on
// every update, so a second pass must change nothing.
func TestDefaultIsIdempotent(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.input.json")
	require.NoError(t, err)
	for _, input := range inputs {
		obj := goldentest.Decode(t, input)
		Default(obj)
		once := obj.DeepCopyObject()
		Default(obj)
		assert.Equal(t, once, obj, input)
	}
}

// The cases below are the rules the chapter's labs show through kubectl,
// each checked against the Kubernetes v1.37 source named in its comment.

// pkg/apis/core/v1/defaults.go SetDefaults_Container with
// pkg/util/parsers.ParseImageName: untagged means :latest.
func TestImagePullPolicy(t *testing.T) {
	tests := []struct {
		image string
		want  corev1.PullPolicy
	}{
		{"nginx", corev1.PullAlways},
		{"nginx:latest", corev1.PullAlways},
		{"docker.io/library/nginx", corev1.PullAlways},
		{"localhost:5000/tomcat", corev1.PullAlways},
		{"nginx:1.27.0", corev1.PullIfNotPresent},
		{"localhost:5000/tomcat:8", corev1.PullIfNotPresent},
		{"nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31", corev1.PullIfNotPresent},
		{"nginx:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31", corev1.PullAlways},
		{"Not A Valid Image", corev1.PullIfNotPresent},
		{"", corev1.PullIfNotPresent},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, imagePullPolicy(tt.image), tt.image)
	}
}

// pkg/apis/core/v1/defaults.go SetDefaults_ImageVolumeSource: an image
// mounted as a volume is pulled by the same rule as a container's.
func TestImageVolumePullPolicy(t *testing.T) {
	pod := &corev1.Pod{Spec: corev1.PodSpec{Volumes: []corev1.Volume{
		{Name: "latest", VolumeSource: corev1.VolumeSource{Image: &corev1.ImageVolumeSource{Reference: "nginx"}}},
		{Name: "pinned", VolumeSource: corev1.VolumeSource{Image: &corev1.ImageVolumeSource{Reference: "nginx:1.27.0"}}},
	}}}
	Default(pod)
	assert.Equal(t, corev1.PullAlways, pod.Spec.Volumes[0].Image.PullPolicy)
	assert.Equal(t, corev1.PullIfNotPresent, pod.Spec.Volumes[1].Image.PullPolicy)
}

// pkg/apis/apps/v1/defaults.go SetDefaults_Deployment.
func TestDeploymentDefaults(t *testing.T) {
	d := &appsv1.Deployment{Spec: appsv1.DeploymentSpec{
		Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: "nginx:1.27.0"}}}},
	}}
	Default(d)
	assert.Equal(t, int32(1), *d.Spec.Replicas)
	assert.Equal(t, appsv1.RollingUpdateDeploymentStrategyType, d.Spec.Strategy.Type)
	assert.Equal(t, intstr.FromString("25%"), *d.Spec.Strategy.RollingUpdate.MaxSurge)
	assert.Equal(t, intstr.FromString("25%"), *d.Spec.Strategy.RollingUpdate.MaxUnavailable)
	assert.Equal(t, int32(10), *d.Spec.RevisionHistoryLimit)
	assert.Equal(t, int32(600), *d.Spec.ProgressDeadlineSeconds)
	tmpl := d.Spec.Template.Spec
	assert.Equal(t, corev1.RestartPolicyAlways, tmpl.RestartPolicy)
	assert.Equal(t, corev1.PullIfNotPresent, tmpl.Containers[0].ImagePullPolicy)
	// A template is not a pod: no admission defaults, no enableServiceLinks.
	assert.Nil(t, tmpl.EnableServiceLinks)
	assert.Nil(t, tmpl.Priority)
	assert.Empty(t, tmpl.Tolerations)
}

func TestDefaultListsAndUnknownTypes(t *testing.T) {
	list := &corev1.PodList{Items: []corev1.Pod{{Spec: corev1.PodSpec{Containers: []corev1.Container{{Image: "nginx"}}}}}}
	Default(list)
	assert.Equal(t, corev1.PullAlways, list.Items[0].Spec.Containers[0].ImagePullPolicy)

	role := &rbacv1.Role{ObjectMeta: metav1.ObjectMeta{Name: "r"}}
	before := role.DeepCopy()
	Default(role)
	assert.Equal(t, before, role)
}
