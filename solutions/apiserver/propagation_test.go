package apiserver_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/utils/ptr"

	"github.com/kubeling/kubeling/solutions/apiserver/apiservertest"
)

func webTemplate() corev1.PodTemplateSpec {
	return corev1.PodTemplateSpec{
		ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "web", Image: "nginx:1.27.0"}}},
	}
}

func webReplicaSet(finalizers ...string) *appsv1.ReplicaSet {
	return &appsv1.ReplicaSet{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Finalizers: finalizers},
		Spec: appsv1.ReplicaSetSpec{Replicas: ptr.To[int32](1),
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}}, Template: webTemplate()},
	}
}

// deletable is one resource as the propagation tests use it: make one
// object called web, delete it, read it back.
type deletable struct {
	create func(c kubernetes.Interface) error
	delete func(c kubernetes.Interface, opts metav1.DeleteOptions) error
	get    func(c kubernetes.Interface) (metav1.Object, error)
}

var ctxBG = context.Background()

var replicaSets = deletable{
	create: func(c kubernetes.Interface) error {
		_, err := c.AppsV1().ReplicaSets("default").Create(ctxBG, webReplicaSet(), metav1.CreateOptions{})
		return err
	},
	delete: func(c kubernetes.Interface, o metav1.DeleteOptions) error {
		return c.AppsV1().ReplicaSets("default").Delete(ctxBG, "web", o)
	},
	get: func(c kubernetes.Interface) (metav1.Object, error) {
		return c.AppsV1().ReplicaSets("default").Get(ctxBG, "web", metav1.GetOptions{})
	},
}

var replicationControllers = deletable{
	create: func(c kubernetes.Interface) error {
		t := webTemplate()
		rc := &corev1.ReplicationController{ObjectMeta: metav1.ObjectMeta{Name: "web"},
			Spec: corev1.ReplicationControllerSpec{Replicas: ptr.To[int32](1), Selector: map[string]string{"app": "web"}, Template: &t}}
		_, err := c.CoreV1().ReplicationControllers("default").Create(ctxBG, rc, metav1.CreateOptions{})
		return err
	},
	delete: func(c kubernetes.Interface, o metav1.DeleteOptions) error {
		return c.CoreV1().ReplicationControllers("default").Delete(ctxBG, "web", o)
	},
	get: func(c kubernetes.Interface) (metav1.Object, error) {
		return c.CoreV1().ReplicationControllers("default").Get(ctxBG, "web", metav1.GetOptions{})
	},
}

var jobs = deletable{
	create: func(c kubernetes.Interface) error {
		tmpl := webTemplate()
		tmpl.Spec.RestartPolicy = corev1.RestartPolicyNever
		job := &batchv1.Job{ObjectMeta: metav1.ObjectMeta{Name: "web"}, Spec: batchv1.JobSpec{Template: tmpl}}
		_, err := c.BatchV1().Jobs("default").Create(ctxBG, job, metav1.CreateOptions{})
		return err
	},
	delete: func(c kubernetes.Interface, o metav1.DeleteOptions) error {
		return c.BatchV1().Jobs("default").Delete(ctxBG, "web", o)
	},
	get: func(c kubernetes.Interface) (metav1.Object, error) {
		return c.BatchV1().Jobs("default").Get(ctxBG, "web", metav1.GetOptions{})
	},
}

var events = deletable{
	create: func(c kubernetes.Interface) error {
		ev := &corev1.Event{ObjectMeta: metav1.ObjectMeta{Name: "web"}, Reason: "Test",
			InvolvedObject: corev1.ObjectReference{Kind: "Pod", Name: "web", Namespace: "default"}}
		_, err := c.CoreV1().Events("default").Create(ctxBG, ev, metav1.CreateOptions{})
		return err
	},
	delete: func(c kubernetes.Interface, o metav1.DeleteOptions) error {
		return c.CoreV1().Events("default").Delete(ctxBG, "web", o)
	},
	get: func(c kubernetes.Interface) (metav1.Object, error) {
		return c.CoreV1().Events("default").Get(ctxBG, "web", metav1.GetOptions{})
	},
}

// A DELETE's propagation policy becomes a finalizer that holds the object
// for the garbage collector, as in Kubernetes v1.37: Orphan → "orphan",
// Foreground → "foregroundDeletion", Background → gone at once. A DELETE
// naming no policy follows the resource's default: apps/v1 deletes
// dependents in the background, core/v1 ReplicationControllers and
// batch/v1 Jobs orphan them (for clients older than the collector), and
// Events never wait. Get one wrong and `kubectl delete rs --cascade=orphan`
// deletes the pods it promised to keep, or an RC deleted through the API
// takes its pods with it.
func TestDeletePropagationPolicyBecomesAFinalizer(t *testing.T) {
	orphan, foreground, background := metav1.DeletePropagationOrphan, metav1.DeletePropagationForeground, metav1.DeletePropagationBackground
	tests := []struct {
		name     string
		resource deletable
		opts     metav1.DeleteOptions
		want     []string // the finalizers it is kept with; nil: deleted at once
	}{
		{"rs orphan", replicaSets, metav1.DeleteOptions{PropagationPolicy: &orphan}, []string{"orphan"}},
		{"rs foreground", replicaSets, metav1.DeleteOptions{PropagationPolicy: &foreground}, []string{"foregroundDeletion"}},
		{"rs background", replicaSets, metav1.DeleteOptions{PropagationPolicy: &background}, nil},
		{"rs no policy: background", replicaSets, metav1.DeleteOptions{}, nil},
		{"rs orphanDependents=true", replicaSets, metav1.DeleteOptions{OrphanDependents: ptr.To(true)}, []string{"orphan"}},
		{"rs orphanDependents=false", replicaSets, metav1.DeleteOptions{OrphanDependents: ptr.To(false)}, nil},
		{"rc no policy: orphan", replicationControllers, metav1.DeleteOptions{}, []string{"orphan"}},
		{"rc background", replicationControllers, metav1.DeleteOptions{PropagationPolicy: &background}, nil},
		{"job no policy: orphan", jobs, metav1.DeleteOptions{}, []string{"orphan"}},
		{"event orphan: unsupported", events, metav1.DeleteOptions{PropagationPolicy: &orphan}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := apiservertest.Start(t, apiservertest.Options{})
			require.NoError(t, tt.resource.create(srv.Client))
			require.NoError(t, tt.resource.delete(srv.Client, tt.opts))
			obj, err := tt.resource.get(srv.Client)
			if tt.want == nil {
				assert.True(t, apierrors.IsNotFound(err), "%s: it should be gone at once, got %v", tt.name, err)
				return
			}
			require.NoError(t, err, "%s: it should be kept for the garbage collector", tt.name)
			assert.Equal(t, tt.want, obj.GetFinalizers(), "%s: the finalizers it waits with", tt.name)
			assert.NotNil(t, obj.GetDeletionTimestamp(), "%s: it should be marked for deletion", tt.name)
		})
	}
}

// A second DELETE with another policy swaps the collector's finalizer, as
// Kubernetes does (`kubectl delete --cascade=orphan`, then again with
// foreground), leaving any other finalizer alone; Background takes the
// collector's finalizer away. Without this, a user who changed their mind
// could never un-orphan a deletion.
func TestSecondDeleteSwapsTheGarbageCollectorFinalizer(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	rs := srv.Client.AppsV1().ReplicaSets("default")
	_, err := rs.Create(ctxBG, webReplicaSet("example.com/hold"), metav1.CreateOptions{})
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
		require.NoError(t, rs.Delete(ctxBG, "web", metav1.DeleteOptions{PropagationPolicy: &step.policy}))
		got, err := rs.Get(ctxBG, "web", metav1.GetOptions{})
		require.NoError(t, err, "held by example.com/hold")
		assert.Equal(t, step.want, got.Finalizers, "after a DELETE with %s", step.policy)
	}
}

// An object held only by the collector's "orphan" finalizer goes at once
// when deleted again in the background: nothing is left to wait for.
func TestBackgroundDeleteOfAnOrphaningObjectDeletesIt(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	orphan, background := metav1.DeletePropagationOrphan, metav1.DeletePropagationBackground
	require.NoError(t, replicaSets.create(srv.Client))
	require.NoError(t, replicaSets.delete(srv.Client, metav1.DeleteOptions{PropagationPolicy: &orphan}))
	require.NoError(t, replicaSets.delete(srv.Client, metav1.DeleteOptions{PropagationPolicy: &background}))
	_, err := replicaSets.get(srv.Client)
	assert.True(t, apierrors.IsNotFound(err), "the orphan finalizer was its only reason to stay; got %v", err)
}

// A DELETE naming no policy keeps what the object's own finalizers ask
// for, over the resource's default: an RC created with
// "foregroundDeletion" is deleted in the foreground, not orphaned.
func TestObjectFinalizerOverridesTheDefaultPolicy(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	rcs := srv.Client.CoreV1().ReplicationControllers("default")
	tmpl := webTemplate()
	rc := &corev1.ReplicationController{ObjectMeta: metav1.ObjectMeta{Name: "web", Finalizers: []string{"foregroundDeletion"}},
		Spec: corev1.ReplicationControllerSpec{Selector: map[string]string{"app": "web"}, Template: &tmpl}}
	_, err := rcs.Create(ctxBG, rc, metav1.CreateOptions{})
	require.NoError(t, err)
	require.NoError(t, rcs.Delete(ctxBG, "web", metav1.DeleteOptions{}))
	got, err := rcs.Get(ctxBG, "web", metav1.GetOptions{})
	require.NoError(t, err)
	assert.Equal(t, []string{"foregroundDeletion"}, got.Finalizers, "the object's finalizer, not v1's orphan default")
}

// The deprecated orphanDependents and propagationPolicy together are
// refused (422), as Kubernetes' validation does.
func TestOrphanDependentsAndPolicyTogetherAreRefused(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	require.NoError(t, replicaSets.create(srv.Client))
	background := metav1.DeletePropagationBackground
	err := replicaSets.delete(srv.Client, metav1.DeleteOptions{OrphanDependents: ptr.To(true), PropagationPolicy: &background})
	assert.True(t, apierrors.IsInvalid(err), "want 422 Invalid, got %v", err)
}
