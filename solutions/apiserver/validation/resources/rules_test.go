package resources

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kubeling/kubeling/solutions/apiserver/defaulting"
)

// The rules below are each also covered by a golden case recorded from
// Kubernetes v1.37.2; these spell the expectation out where a reader can
// see it.

// The conformance test "should fail to create ConfigMap with empty key"
// (test/e2e/common/node/configmap.go) expects 422.
func TestConfigMapWithEmptyKeyIsInvalid(t *testing.T) {
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "configmap-test-emptykey", Namespace: "default"},
		Data: map[string]string{"": "value-1"}}
	errs := ValidateCreate(cm)
	require.Len(t, errs, 1)
	assert.Equal(t, "data[]", errs[0].Field)
	status := apierrors.NewInvalid(schema.GroupKind{Kind: "ConfigMap"}, cm.Name, errs)
	assert.True(t, apierrors.IsInvalid(status))
	assert.Equal(t, int32(422), status.ErrStatus.Code)
}

// pkg/apis/core/validation/validation.go ValidateConfigMap: 1 MiB in all.
func TestConfigMapTooLarge(t *testing.T) {
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "big", Namespace: "default"},
		Data: map[string]string{"a": strings.Repeat("x", 1<<20), "b": "y"}}
	errs := ValidateCreate(cm)
	require.Len(t, errs, 1)
	assert.Equal(t, field.ErrorTypeTooLong, errs[0].Type)
}

// pkg/registry/core/service/portallocator/allocator.go ErrNotInRange,
// reported by pkg/registry/core/service/storage/alloc.go once validation
// has passed.
func TestNodePortRange(t *testing.T) {
	svc := &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Name: "nginx", Namespace: "default"},
		Spec: corev1.ServiceSpec{Type: corev1.ServiceTypeNodePort, Selector: map[string]string{"app": "nginx"},
			Ports: []corev1.ServicePort{{Port: 80, NodePort: 80}}},
	}
	defaulting.Default(svc)
	errs := ValidateCreate(svc)
	require.Len(t, errs, 1)
	assert.Equal(t, "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767", errs[0].Error())

	svc.Spec.Ports[0].NodePort = 32767
	assert.Empty(t, ValidateCreate(svc))

	// A service that is invalid anyway reports its validation errors only:
	// the apiserver allocates ports after validating.
	svc.Spec.Ports[0].NodePort = 80
	svc.Spec.Ports[0].Protocol = "ICMP"
	errs = ValidateCreate(svc)
	require.Len(t, errs, 1)
	assert.Equal(t, "spec.ports[0].protocol", errs[0].Field)
}

// pkg/apis/core/validation/validation.go ValidatePodUpdate.
func TestPodSpecIsMostlyImmutable(t *testing.T) {
	old := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default", ResourceVersion: "3"},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: "nginx:1.27.0"}}},
	}
	defaulting.Default(old)

	image := old.DeepCopy()
	image.Spec.Containers[0].Image = "nginx:1.28.0"
	image.Spec.Tolerations = append(image.Spec.Tolerations, corev1.Toleration{Key: "gpu", Operator: corev1.TolerationOpExists})
	assert.Empty(t, ValidateUpdate(image, old))

	env := old.DeepCopy()
	env.Spec.Containers[0].Env = []corev1.EnvVar{{Name: "A", Value: "1"}}
	errs := ValidateUpdate(env, old)
	require.Len(t, errs, 1)
	assert.Equal(t, field.ErrorTypeForbidden, errs[0].Type)
	assert.Equal(t, "spec", errs[0].Field)
	assert.True(t, strings.HasPrefix(errs[0].Detail, "pod updates may not change fields other than `spec.containers[*].image`"), errs[0].Detail)
	assert.Contains(t, errs[0].Detail, `"name": "A"`, "the message shows what changed")
}

func TestUnknownAndMismatchedTypes(t *testing.T) {
	role := &rbacv1.Role{ObjectMeta: metav1.ObjectMeta{Name: "Not A Name"}}
	assert.Empty(t, ValidateCreate(role))
	assert.Empty(t, ValidateUpdate(role, role))

	errs := ValidateUpdate(&corev1.Pod{}, &corev1.Service{})
	require.Len(t, errs, 1)
	assert.Equal(t, field.ErrorTypeInternal, errs[0].Type)
}
