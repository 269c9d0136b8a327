package registry_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/registry"
)

// A second DELETE with another propagation policy swaps the garbage
// collector's finalizer and stores the swap, as Kubernetes does, leaving
// other finalizers alone: the user of `--cascade=orphan` who changes their
// mind to foreground gets their pods deleted, not kept.
func TestSecondDeleteSwapsTheCollectorFinalizer(t *testing.T) {
	f := newFixture(t)
	d := deployment("nginx", 1)
	d.Finalizers = []string{"example.com/hold"}
	_, err := f.deployments().Create(ctx(t), "default", d, registry.CreateOptions{})
	require.NoError(t, err)
	steps := []struct {
		policy metav1.DeletionPropagation
		want   []string
	}{
		{metav1.DeletePropagationOrphan, []string{"example.com/hold", "orphan"}},
		{metav1.DeletePropagationForeground, []string{"example.com/hold", "foregroundDeletion"}},
		{metav1.DeletePropagationBackground, []string{"example.com/hold"}},
	}
	for _, step := range steps {
		_, deleted, err := f.deployments().Delete(ctx(t), "default", "nginx", &metav1.DeleteOptions{PropagationPolicy: &step.policy})
		require.NoError(t, err)
		require.False(t, deleted, "example.com/hold still holds it")
		got, err := f.deployments().Get(ctx(t), "default", "nginx")
		require.NoError(t, err)
		assert.Equal(t, step.want, got.(*appsv1.Deployment).Finalizers,
			"after a second DELETE with %s, the stored finalizers are wrong", step.policy)
	}
}

// The deprecated orphanDependents still works: true orphans, false
// deletes in the background. Old clients send it.
func TestOrphanDependentsIsHonoured(t *testing.T) {
	for _, orphan := range []bool{true, false} {
		f := newFixture(t)
		_, err := f.deployments().Create(ctx(t), "default", deployment("nginx", 1), registry.CreateOptions{})
		require.NoError(t, err)
		_, deleted, err := f.deployments().Delete(ctx(t), "default", "nginx", &metav1.DeleteOptions{OrphanDependents: ptr.To(orphan)})
		require.NoError(t, err)
		assert.Equal(t, !orphan, deleted, "orphanDependents=%t: deleted at once should be %t", orphan, !orphan)
	}
}

// A core/v1 ReplicationController deleted with no policy orphans its pods,
// as in Kubernetes (for clients older than the garbage collector), while a
// Deployment's default is background.
func TestReplicationControllerDefaultsToOrphan(t *testing.T) {
	f := newFixture(t)
	rcs := f.stores["/replicationcontrollers"]
	rc := &corev1.ReplicationController{ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: corev1.ReplicationControllerSpec{Selector: map[string]string{"app": "web"}, Template: &corev1.PodTemplateSpec{
			ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}},
			Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "web", Image: "nginx"}}}}}}
	_, err := rcs.Create(ctx(t), "default", rc, registry.CreateOptions{})
	require.NoError(t, err)
	obj, deleted, err := rcs.Delete(ctx(t), "default", "web", nil)
	require.NoError(t, err)
	require.False(t, deleted, "a v1 RC deleted with no policy waits for its pods to be orphaned")
	assert.Equal(t, []string{"orphan"}, obj.(*corev1.ReplicationController).Finalizers)
}
