package validation

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kubeling/kubeling/solutions/apiserver/defaulting"
)

// The rules below are the ones the chapter's labs show through kubectl.
// Each is also covered by a golden case recorded from Kubernetes v1.37.2;
// these spell the expectation out where a reader can see it.

func nginxDeployment() *appsv1.Deployment {
	d := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "nginx", Namespace: "default"},
		Spec: appsv1.DeploymentSpec{
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "nginx"}},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "nginx"}},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: "nginx:1.27.0"}}},
			},
		},
	}
	defaulting.Default(d)
	return d
}

// pkg/apis/apps/validation/validation.go ValidatePodTemplateSpecForReplicaSet.
func TestDeploymentSelectorMustMatchTemplate(t *testing.T) {
	require.Empty(t, ValidateCreate(nginxDeployment()))

	d := nginxDeployment()
	d.Spec.Template.Labels = map[string]string{"app": "web"}
	errs := ValidateCreate(d)
	require.Len(t, errs, 1)
	assert.Equal(t, "spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`", errs[0].Error())

	status := apierrors.NewInvalid(schema.GroupKind{Group: "apps", Kind: "Deployment"}, d.Name, errs)
	assert.Equal(t, int32(422), status.ErrStatus.Code)
	assert.Equal(t, "Deployment.apps \"nginx\" is invalid: spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`", status.Error())
}

// pkg/apis/apps/validation/validation.go ValidateRollingUpdateDeployment.
func TestRollingUpdateCannotStall(t *testing.T) {
	d := nginxDeployment()
	*d.Spec.Strategy.RollingUpdate.MaxSurge = intstr.FromString("0%")
	*d.Spec.Strategy.RollingUpdate.MaxUnavailable = intstr.FromString("0%")
	errs := ValidateCreate(d)
	require.Len(t, errs, 1)
	assert.Equal(t, field.ErrorTypeInvalid, errs[0].Type)
	assert.Equal(t, "spec.strategy.rollingUpdate.maxUnavailable", errs[0].Field)
	assert.Equal(t, "may not be 0 when `maxSurge` is 0", errs[0].Detail)
}

// pkg/apis/apps/validation/validation.go ValidateDeploymentUpdate (apps/v1:
// the selector is immutable).
func TestDeploymentSelectorIsImmutable(t *testing.T) {
	old := nginxDeployment()
	old.ResourceVersion = "5"
	d := old.DeepCopy()
	d.Spec.Selector.MatchLabels["tier"] = "web"
	d.Spec.Template.Labels["tier"] = "web"
	errs := ValidateUpdate(d, old)
	require.Len(t, errs, 1)
	assert.Equal(t, "spec.selector", errs[0].Field)
	assert.Equal(t, "field is immutable", errs[0].Detail)

	scaled := old.DeepCopy()
	*scaled.Spec.Replicas = 3
	scaled.Spec.Template.Spec.Containers[0].Image = "nginx:1.28.0"
	assert.Empty(t, ValidateUpdate(scaled, old), "scale and set image are ordinary updates")
}

func TestValidationDoesNotModify(t *testing.T) {
	d := nginxDeployment()
	d.Spec.Template.Labels = map[string]string{"app": "web"}
	before := d.DeepCopy()
	ValidateCreate(d)
	ValidateUpdate(d, before.DeepCopy())
	assert.Equal(t, before, d)
}

func TestUnknownAndMismatchedTypes(t *testing.T) {
	role := &rbacv1.Role{ObjectMeta: metav1.ObjectMeta{Name: "Not A Name"}}
	assert.Empty(t, ValidateCreate(role))
	assert.Empty(t, ValidateUpdate(role, role))

	errs := ValidateUpdate(nginxDeployment(), &appsv1.ReplicaSet{})
	require.Len(t, errs, 1)
	assert.Equal(t, field.ErrorTypeInternal, errs[0].Type)
}
