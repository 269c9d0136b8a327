package apiserver_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/kubeling/kubeling/solutions/apiserver/apiservertest"
	"github.com/kubeling/kubeling/solutions/storage"
)

// A deleted namespace empties itself before it goes: what it holds is
// deleted (and not left behind in storage to reappear with a namespace of
// the same name), and the namespace waits for what takes time, such as a
// pod given a grace period to stop.
func TestDeletingANamespaceDeletesWhatItHolds(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	ctx := context.Background()
	c := srv.Client.CoreV1()
	_, err := c.Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "team"}}, metav1.CreateOptions{})
	require.NoError(t, err)
	_, err = c.ConfigMaps("team").Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "settings"}}, metav1.CreateOptions{})
	require.NoError(t, err)
	// A pod on a node: its deletion waits for a kubelet (30s by default).
	_, err = c.Pods("team").Create(ctx, &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec:       corev1.PodSpec{NodeName: "node-01", Containers: []corev1.Container{{Name: "web", Image: "nginx:1.27.0"}}},
	}, metav1.CreateOptions{})
	require.NoError(t, err)

	require.NoError(t, c.Namespaces().Delete(ctx, "team", metav1.DeleteOptions{}))
	ns, err := c.Namespaces().Get(ctx, "team", metav1.GetOptions{})
	require.NoError(t, err)
	assert.Equal(t, corev1.NamespaceTerminating, ns.Status.Phase)
	_, err = c.ConfigMaps("team").Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "late"}}, metav1.CreateOptions{})
	assertAPIError(t, err, 403) // nothing new in a terminating namespace

	// The controller deletes the ConfigMap and marks the pod; the namespace
	// stays while the pod is stopping.
	require.Eventually(t, func() bool {
		pod, err := c.Pods("team").Get(ctx, "web", metav1.GetOptions{})
		_, cmErr := c.ConfigMaps("team").Get(ctx, "settings", metav1.GetOptions{})
		return err == nil && pod.DeletionTimestamp != nil && isNotFound(cmErr)
	}, 10*time.Second, 20*time.Millisecond)
	_, err = c.Namespaces().Get(ctx, "team", metav1.GetOptions{})
	require.NoError(t, err)

	// The kubelet's last word: the pod is gone, and so, soon, is the namespace.
	require.NoError(t, c.Pods("team").Delete(ctx, "web", metav1.DeleteOptions{GracePeriodSeconds: ptr.To[int64](0)}))
	require.Eventually(t, func() bool {
		_, err := c.Namespaces().Get(ctx, "team", metav1.GetOptions{})
		return isNotFound(err)
	}, 10*time.Second, 20*time.Millisecond)
	left, err := srv.Storage.List(ctx, "/registry/configmaps/team/", storage.ListOptions{})
	require.NoError(t, err)
	assert.Empty(t, left.Items)
}

// The namespace controller deletes in the background, as Kubernetes' does:
// a ReplicationController (whose core/v1 default is to orphan its pods)
// goes at once rather than wait with the "orphan" finalizer for a garbage
// collector, which may not run at all (chapter 02's cluster has none), so
// that the namespace would never go.
func TestNamespaceWithAReplicationControllerGoes(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	ctx := context.Background()
	c := srv.Client.CoreV1()
	_, err := c.Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "team"}}, metav1.CreateOptions{})
	require.NoError(t, err)
	_, err = c.ReplicationControllers("team").Create(ctx, &corev1.ReplicationController{
		ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: corev1.ReplicationControllerSpec{Selector: map[string]string{"app": "web"}, Template: &corev1.PodTemplateSpec{
			ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}},
			Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "web", Image: "nginx:1.27.0"}}}}},
	}, metav1.CreateOptions{})
	require.NoError(t, err)

	require.NoError(t, c.Namespaces().Delete(ctx, "team", metav1.DeleteOptions{}))
	assert.Eventually(t, func() bool {
		_, err := c.Namespaces().Get(ctx, "team", metav1.GetOptions{})
		return isNotFound(err)
	}, 10*time.Second, 20*time.Millisecond, "the namespace stayed: its RC waits for a garbage collector with the orphan finalizer")
}
