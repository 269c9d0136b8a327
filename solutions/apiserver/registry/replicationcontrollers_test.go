package registry_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/kubeling/kubeling/solutions/apiserver/registry"
)

func replicationController(name string, replicas int32) *corev1.ReplicationController {
	return &corev1.ReplicationController{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: corev1.ReplicationControllerSpec{
			Replicas: ptr.To(replicas),
			Selector: map[string]string{"app": name},
			Template: &corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": name}},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: name, Image: "nginx:1.27.0"}}},
			},
		},
	}
}

// TestReplicationControllerSpecAndStatusStayApart: an RC follows the
// ReplicaSet's rules, as in Kubernetes. A create starts with an empty status
// at generation 1; a write to the main resource keeps the stored status and
// counts a spec change; a write to /status keeps the stored spec. Without
// these, `kubectl apply` would wipe the counts the controller reported, and
// the controller's status write would undo a `kubectl scale`.
func TestReplicationControllerSpecAndStatusStayApart(t *testing.T) {
	f := newFixture(t)
	rcs := f.stores["/replicationcontrollers"]
	require.NotNil(t, rcs, "replicationcontrollers are not in the catalogue")
	rc := replicationController("web", 2)
	rc.Status.Replicas = 7 // a client cannot create with a status
	created, err := rcs.Create(ctx(t), "default", rc, registry.CreateOptions{})
	require.NoError(t, err)
	got := created.(*corev1.ReplicationController)
	assert.Zero(t, got.Status.Replicas, "a new RC's status is the controller's to fill")
	assert.Equal(t, int64(1), got.Generation)

	// The main resource: spec changes (generation 2), status does not.
	update := got.DeepCopy()
	update.Spec.Replicas = ptr.To[int32](3)
	update.Status.Replicas = 9
	out, err := rcs.Update(ctx(t), "default", "web", replaceWith(update), registry.UpdateOptions{})
	require.NoError(t, err)
	got = out.(*corev1.ReplicationController)
	assert.Equal(t, int32(3), *got.Spec.Replicas)
	assert.Zero(t, got.Status.Replicas, "the main resource wrote status")
	assert.Equal(t, int64(2), got.Generation, "a spec change counts once")

	// The status subresource: status changes, spec and generation do not.
	update = got.DeepCopy()
	update.Status = corev1.ReplicationControllerStatus{Replicas: 3, ReadyReplicas: 2, ObservedGeneration: 2}
	update.Spec.Replicas = ptr.To[int32](10)
	out, err = rcs.Update(ctx(t), "default", "web", replaceWith(update), registry.UpdateOptions{Subresource: "status"})
	require.NoError(t, err)
	got = out.(*corev1.ReplicationController)
	assert.Equal(t, int32(3), got.Status.Replicas)
	assert.Equal(t, int32(3), *got.Spec.Replicas, "a status write changed spec.replicas")
	assert.Equal(t, int64(2), got.Generation)
}

// TestReplicationControllerFieldSelector: Kubernetes lets a field selector
// test an RC's status.replicas (as a ReplicaSet's), and refuses any other
// spec or status field.
func TestReplicationControllerFieldSelector(t *testing.T) {
	f := newFixture(t)
	rcs := f.stores["/replicationcontrollers"]
	for _, name := range []string{"a", "b"} {
		_, err := rcs.Create(ctx(t), "default", replicationController(name, 1), registry.CreateOptions{})
		require.NoError(t, err)
	}
	out, err := rcs.Get(ctx(t), "default", "b")
	require.NoError(t, err)
	status := out.(*corev1.ReplicationController)
	status.Status.Replicas = 1
	_, err = rcs.Update(ctx(t), "default", "b", replaceWith(status), registry.UpdateOptions{Subresource: "status"})
	require.NoError(t, err)

	pred, err := rcs.NewPredicate("", "status.replicas=1")
	require.NoError(t, err)
	list, err := rcs.List(ctx(t), "default", pred, registry.ListOptions{})
	require.NoError(t, err)
	items := list.(*corev1.ReplicationControllerList).Items
	require.Len(t, items, 1)
	assert.Equal(t, "b", items[0].Name)

	_, err = rcs.NewPredicate("", "spec.replicas=1")
	assertStatus(t, err, 400, metav1.StatusReasonBadRequest)
}
