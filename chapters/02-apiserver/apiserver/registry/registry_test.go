package registry_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	clocktesting "k8s.io/utils/clock/testing"
	"k8s.io/utils/ptr"

	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/registry"
	"github.com/kubeling/kubeling/solutions/storage"
	"github.com/kubeling/kubeling/solutions/storage/sqlite"
)

// epoch is the fake clock's start; creationTimestamp has second precision.
var epoch = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

type fixture struct {
	storage storage.Interface
	clock   *clocktesting.FakeClock
	stores  map[string]*registry.Store // by "group/resource"
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "state.db"), 10*time.Millisecond)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	f := &fixture{storage: s, clock: clocktesting.NewFakeClock(epoch), stores: map[string]*registry.Store{}}
	for _, r := range registry.Catalogue() {
		f.stores[r.GroupVersion.Group+"/"+r.Name] = registry.NewStore(r, registry.Options{Storage: s, Clock: f.clock})
	}
	return f
}

func (f *fixture) pods() *registry.Store        { return f.stores["/pods"] }
func (f *fixture) configMaps() *registry.Store  { return f.stores["/configmaps"] }
func (f *fixture) deployments() *registry.Store { return f.stores["apps/deployments"] }

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return c
}

func pod(name, node string, labels map[string]string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels},
		Spec:       corev1.PodSpec{NodeName: node, Containers: []corev1.Container{{Name: "c", Image: "nginx"}}},
	}
}

func deployment(name string, replicas int32) *appsv1.Deployment {
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: appsv1.DeploymentSpec{
			Replicas: ptr.To(replicas),
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": name}},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": name}},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: name, Image: "nginx:1.27.0"}}},
			},
		},
	}
}

func assertStatus(t *testing.T, err error, code int32, reason metav1.StatusReason) {
	t.Helper()
	var status apierrors.APIStatus
	require.ErrorAs(t, err, &status)
	assert.Equal(t, code, status.Status().Code, status.Status().Message)
	assert.Equal(t, reason, status.Status().Reason, status.Status().Message)
}

func TestCreateSetsServerMetadata(t *testing.T) {
	f := newFixture(t)
	in := deployment("nginx", 1)
	in.UID = "client-made-this-up"
	in.Generation = 7
	in.Status.Replicas = 5 // a client cannot create status

	out, err := f.deployments().Create(ctx(t), "default", in, registry.CreateOptions{})
	require.NoError(t, err)
	d := out.(*appsv1.Deployment)
	assert.Equal(t, "default", d.Namespace)
	assert.NotEmpty(t, d.UID)
	assert.NotEqual(t, "client-made-this-up", string(d.UID))
	assert.Equal(t, epoch, d.CreationTimestamp.Time.UTC())
	assert.Equal(t, int64(1), d.Generation)
	assert.NotEmpty(t, d.ResourceVersion)
	assert.Zero(t, d.Status.Replicas)

	cm, err := f.configMaps().Create(ctx(t), "default", &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "c"}}, registry.CreateOptions{})
	require.NoError(t, err)
	assert.Zero(t, cm.(*corev1.ConfigMap).Generation, "configmaps do not track generation")

	p, err := f.pods().Create(ctx(t), "default", pod("web", "", nil), registry.CreateOptions{})
	require.NoError(t, err)
	assert.Equal(t, corev1.PodPending, p.(*corev1.Pod).Status.Phase)
}

func TestStoredAsJSONWithoutResourceVersion(t *testing.T) {
	f := newFixture(t)
	_, err := f.deployments().Create(ctx(t), "default", deployment("nginx", 1), registry.CreateOptions{})
	require.NoError(t, err)

	kv, err := f.storage.Get(ctx(t), "/registry/deployments/default/nginx")
	require.NoError(t, err)
	var stored map[string]any
	require.NoError(t, json.Unmarshal(kv.Value, &stored), "stored values are JSON")
	assert.Equal(t, "apps/v1", stored["apiVersion"])
	assert.Equal(t, "Deployment", stored["kind"])
	assert.NotContains(t, stored["metadata"], "resourceVersion")

	got, err := f.deployments().Get(ctx(t), "default", "nginx")
	require.NoError(t, err)
	assert.Equal(t, "apps/v1", got.GetObjectKind().GroupVersionKind().GroupVersion().String())
	assert.Equal(t, kv.ResourceVersion, rvOf(t, got), "the resourceVersion read back is the storage revision")
}

// A value storage holds but the Store cannot decode is the server's fault:
// a 500 Status, as every error a Store returns is a StatusError.
func TestUndecodableStoredValueIsA500(t *testing.T) {
	f := newFixture(t)
	_, err := f.storage.Create(ctx(t), "/registry/deployments/default/broken", []byte("not json"))
	require.NoError(t, err)
	_, err = f.deployments().Get(ctx(t), "default", "broken")
	assertStatus(t, err, 500, metav1.StatusReasonInternalError)
}

func TestCreateGenerateName(t *testing.T) {
	f := newFixture(t)
	p := pod("", "", nil)
	p.GenerateName = "nginx-bdf578756-"
	out, err := f.pods().Create(ctx(t), "default", p, registry.CreateOptions{})
	require.NoError(t, err)
	name := out.(*corev1.Pod).Name
	assert.Regexp(t, `^nginx-bdf578756-[a-z0-9]{5}$`, name)
}

func TestCreateRefusals(t *testing.T) {
	f := newFixture(t)

	p := pod("web", "", nil)
	p.Namespace = "other"
	_, err := f.pods().Create(ctx(t), "default", p, registry.CreateOptions{})
	assertStatus(t, err, 400, metav1.StatusReasonBadRequest)

	p = pod("web", "", nil)
	p.ResourceVersion = "12"
	_, err = f.pods().Create(ctx(t), "default", p, registry.CreateOptions{})
	assertStatus(t, err, 400, metav1.StatusReasonBadRequest)

	_, err = f.pods().Create(ctx(t), "default", pod("", "", nil), registry.CreateOptions{})
	assertStatus(t, err, 422, metav1.StatusReasonInvalid)

	_, err = f.pods().Create(ctx(t), "default", pod("web", "", nil), registry.CreateOptions{})
	require.NoError(t, err)
	_, err = f.pods().Create(ctx(t), "default", pod("web", "", nil), registry.CreateOptions{})
	assertStatus(t, err, 409, metav1.StatusReasonAlreadyExists)

	_, err = f.pods().Get(ctx(t), "default", "nope")
	assertStatus(t, err, 404, metav1.StatusReasonNotFound)
}

func TestDryRunStoresNothing(t *testing.T) {
	f := newFixture(t)
	_, err := f.pods().Create(ctx(t), "default", pod("web", "", nil), registry.CreateOptions{DryRun: true})
	require.NoError(t, err)
	_, err = f.pods().Get(ctx(t), "default", "web")
	assertStatus(t, err, 404, metav1.StatusReasonNotFound)
}

func replaceWith(obj runtime.Object) registry.TransformFunc {
	return func(context.Context, runtime.Object) (runtime.Object, error) { return obj.DeepCopyObject(), nil }
}

func rvOf(t *testing.T, obj runtime.Object) int64 {
	t.Helper()
	rv, err := strconv.ParseInt(obj.(metav1.Object).GetResourceVersion(), 10, 64)
	require.NoError(t, err)
	return rv
}

func TestUpdateResourceVersionPrecondition(t *testing.T) {
	f := newFixture(t)
	created, err := f.deployments().Create(ctx(t), "default", deployment("nginx", 1), registry.CreateOptions{})
	require.NoError(t, err)
	read := created.(*appsv1.Deployment)

	// Writer A read the object and writes first: it wins.
	a := read.DeepCopy()
	a.Spec.Replicas = ptr.To[int32](3)
	updated, err := f.deployments().Update(ctx(t), "default", "nginx", replaceWith(a), registry.UpdateOptions{})
	require.NoError(t, err)
	assert.Greater(t, rvOf(t, updated), rvOf(t, read))

	// Writer B read the same version: refused, nothing changes.
	b := read.DeepCopy()
	b.Spec.Replicas = ptr.To[int32](2)
	_, err = f.deployments().Update(ctx(t), "default", "nginx", replaceWith(b), registry.UpdateOptions{})
	assertStatus(t, err, 409, metav1.StatusReasonConflict)
	assert.Contains(t, err.Error(), "the object has been modified")

	// An update that names no version is applied to whatever is stored.
	c := read.DeepCopy()
	c.ResourceVersion = ""
	c.Spec.Replicas = ptr.To[int32](5)
	_, err = f.deployments().Update(ctx(t), "default", "nginx", replaceWith(c), registry.UpdateOptions{})
	require.NoError(t, err)
	got, _ := f.deployments().Get(ctx(t), "default", "nginx")
	assert.Equal(t, int32(5), *got.(*appsv1.Deployment).Spec.Replicas)

	_, err = f.deployments().Update(ctx(t), "default", "missing", replaceWith(c), registry.UpdateOptions{})
	assertStatus(t, err, 404, metav1.StatusReasonNotFound)

	// A uid in the body is a precondition too: the object must be that one.
	c.UID = "another-object"
	_, err = f.deployments().Update(ctx(t), "default", "nginx", replaceWith(c), registry.UpdateOptions{})
	assertStatus(t, err, 409, metav1.StatusReasonConflict)
}

func TestUpdateKeepsServerFieldsStatusAndCountsSpecChanges(t *testing.T) {
	f := newFixture(t)
	created, err := f.deployments().Create(ctx(t), "default", deployment("nginx", 1), registry.CreateOptions{})
	require.NoError(t, err)
	orig := created.(*appsv1.Deployment)

	// A label change is not a spec change.
	d := orig.DeepCopy()
	d.Labels = map[string]string{"tier": "web"}
	d.CreationTimestamp = metav1.NewTime(epoch.Add(time.Hour))
	d.Status.Replicas = 9 // the main resource cannot write status
	out, err := f.deployments().Update(ctx(t), "default", "nginx", replaceWith(d), registry.UpdateOptions{})
	require.NoError(t, err)
	got := out.(*appsv1.Deployment)
	assert.Equal(t, orig.UID, got.UID)
	assert.True(t, orig.CreationTimestamp.Equal(&got.CreationTimestamp))
	assert.Zero(t, got.Status.Replicas)
	assert.Equal(t, int64(1), got.Generation)
	assert.Equal(t, "web", got.Labels["tier"])

	// A spec change bumps generation by one.
	d = got.DeepCopy()
	d.Spec.Template.Spec.Containers[0].Image = "nginx:1.27.1"
	out, err = f.deployments().Update(ctx(t), "default", "nginx", replaceWith(d), registry.UpdateOptions{})
	require.NoError(t, err)
	assert.Equal(t, int64(2), out.(*appsv1.Deployment).Generation)
}

// TestUpdateOfATerminatingObjectKeepsItsDeadline: a client that sends an
// object without its deletionTimestamp (it read it before the delete, or
// built it by hand) must not undo the delete.
//
// hint: deletionTimestamp and deletionGracePeriodSeconds belong to the server, like uid:
// hint: an update keeps the stored ones whatever the body says; only removing the last finalizer ends a deletion.
func TestUpdateOfATerminatingObjectKeepsItsDeadline(t *testing.T) {
	f := newFixture(t)
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "held", Finalizers: []string{"example.com/a", "example.com/b"}}}
	_, err := f.configMaps().Create(ctx(t), "default", cm, registry.CreateOptions{})
	require.NoError(t, err)
	marked, deleted, err := f.configMaps().Delete(ctx(t), "default", "held", nil)
	require.NoError(t, err)
	require.False(t, deleted)
	when := marked.(*corev1.ConfigMap).DeletionTimestamp
	require.NotNil(t, when)

	update := marked.(*corev1.ConfigMap).DeepCopy()
	update.DeletionTimestamp, update.DeletionGracePeriodSeconds = nil, nil
	update.Finalizers = []string{"example.com/b"} // one finalizer done, one to go
	out, err := f.configMaps().Update(ctx(t), "default", "held", replaceWith(update), registry.UpdateOptions{})
	require.NoError(t, err)
	got := out.(*corev1.ConfigMap)
	require.NotNil(t, got.DeletionTimestamp, "the update must not clear the deletion")
	assert.True(t, when.Equal(got.DeletionTimestamp))
	assert.Equal(t, []string{"example.com/b"}, got.Finalizers)
}

func TestStatusUpdateChangesOnlyStatus(t *testing.T) {
	f := newFixture(t)
	created, err := f.deployments().Create(ctx(t), "default", deployment("nginx", 1), registry.CreateOptions{})
	require.NoError(t, err)
	d := created.(*appsv1.Deployment).DeepCopy()
	d.Status.Replicas = 1
	d.Status.ObservedGeneration = 1
	d.Spec.Replicas = ptr.To[int32](10)           // ignored: status writers cannot change spec
	d.Labels = map[string]string{"sneaky": "yes"} // a Deployment's labels are its owner's
	d.Annotations = map[string]string{"observed-by": "controller"}

	out, err := f.deployments().Update(ctx(t), "default", "nginx", replaceWith(d), registry.UpdateOptions{Subresource: "status"})
	require.NoError(t, err)
	got := out.(*appsv1.Deployment)
	assert.Equal(t, int32(1), got.Status.Replicas)
	assert.Equal(t, int32(1), *got.Spec.Replicas)
	assert.Empty(t, got.Labels)
	assert.Equal(t, "controller", got.Annotations["observed-by"], "metadata is not spec")
	assert.Equal(t, int64(1), got.Generation)
}

// A status write takes the metadata it carries, as in Kubernetes, whose
// e2e test "Services should complete a service status lifecycle" patches
// an annotation and a load balancer's address in one status PATCH. Only
// spec (and what a resource guards besides) stays.
func TestStatusUpdateTakesMetadataButNotSpec(t *testing.T) {
	f := newFixture(t)
	services := f.stores["/services"]
	svc := &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec:       corev1.ServiceSpec{Type: corev1.ServiceTypeLoadBalancer, Ports: []corev1.ServicePort{{Port: 80}}},
	}
	_, err := services.Create(ctx(t), "default", svc, registry.CreateOptions{})
	require.NoError(t, err)

	out, err := services.Update(ctx(t), "default", "web", func(_ context.Context, current runtime.Object) (runtime.Object, error) {
		s := current.(*corev1.Service)
		s.Annotations = map[string]string{"patchedstatus": "true"}
		s.Status.LoadBalancer.Ingress = []corev1.LoadBalancerIngress{{IP: "203.0.113.1"}}
		s.Spec.Ports[0].Port = 8080
		return s, nil
	}, registry.UpdateOptions{Subresource: "status"})
	require.NoError(t, err)
	got := out.(*corev1.Service)
	assert.Equal(t, "true", got.Annotations["patchedstatus"])
	assert.Equal(t, "203.0.113.1", got.Status.LoadBalancer.Ingress[0].IP)
	assert.Equal(t, int32(80), got.Spec.Ports[0].Port)

	// pods/status cannot change owner references; labels it can.
	owner := metav1.OwnerReference{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "rs", UID: "1"}
	p := pod("p", "", nil)
	p.OwnerReferences = []metav1.OwnerReference{owner}
	_, err = f.pods().Create(ctx(t), "default", p, registry.CreateOptions{})
	require.NoError(t, err)
	out, err = f.pods().Update(ctx(t), "default", "p", func(_ context.Context, current runtime.Object) (runtime.Object, error) {
		p := current.(*corev1.Pod)
		p.OwnerReferences = nil
		p.Labels = map[string]string{"seen": "yes"}
		p.Status.Phase = corev1.PodRunning
		return p, nil
	}, registry.UpdateOptions{Subresource: "status"})
	require.NoError(t, err)
	assert.Equal(t, []metav1.OwnerReference{owner}, out.(*corev1.Pod).OwnerReferences)
	assert.Equal(t, "yes", out.(*corev1.Pod).Labels["seen"])
	assert.Equal(t, corev1.PodRunning, out.(*corev1.Pod).Status.Phase)
}

// TestPodDeletionIsGracefulOnceBound follows a running pod's deletion.
//
// hint: a pod's deletion is a deadline (deletionTimestamp) the kubelet works to;
// hint: a second delete may shorten it, never lengthen it, or a client could keep a pod alive forever.
func TestPodDeletionIsGracefulOnceBound(t *testing.T) {
	f := newFixture(t)
	_, err := f.pods().Create(ctx(t), "default", pod("bound", "node-01", nil), registry.CreateOptions{})
	require.NoError(t, err)
	_, err = f.pods().Create(ctx(t), "default", pod("pending", "", nil), registry.CreateOptions{})
	require.NoError(t, err)

	// A pod no node runs goes at once.
	_, deleted, err := f.pods().Delete(ctx(t), "default", "pending", nil)
	require.NoError(t, err)
	assert.True(t, deleted)

	// A running pod is marked, with 30s to stop.
	f.clock.Step(time.Minute)
	obj, deleted, err := f.pods().Delete(ctx(t), "default", "bound", nil)
	require.NoError(t, err)
	assert.False(t, deleted)
	p := obj.(*corev1.Pod)
	require.NotNil(t, p.DeletionTimestamp)
	assert.Equal(t, epoch.Add(time.Minute+30*time.Second), p.DeletionTimestamp.Time.UTC())
	assert.Equal(t, int64(30), *p.DeletionGracePeriodSeconds)
	_, err = f.pods().Get(ctx(t), "default", "bound")
	require.NoError(t, err, "still there while its containers stop")

	// Deleting again with a longer grace changes nothing; the kubelet's
	// final delete (grace 0) removes it.
	_, deleted, err = f.pods().Delete(ctx(t), "default", "bound", &metav1.DeleteOptions{GracePeriodSeconds: ptr.To[int64](60)})
	require.NoError(t, err)
	assert.False(t, deleted)
	assertDeadline(t, f, "bound", epoch.Add(time.Minute+30*time.Second), 30, "a longer grace must not postpone the deadline")

	// A shorter grace brings the deadline forward.
	f.clock.Step(5 * time.Second)
	_, deleted, err = f.pods().Delete(ctx(t), "default", "bound", &metav1.DeleteOptions{GracePeriodSeconds: ptr.To[int64](10)})
	require.NoError(t, err)
	assert.False(t, deleted)
	assertDeadline(t, f, "bound", epoch.Add(time.Minute+15*time.Second), 10, "a shorter grace moves the deadline forward")

	_, deleted, err = f.pods().Delete(ctx(t), "default", "bound", &metav1.DeleteOptions{GracePeriodSeconds: ptr.To[int64](0)})
	require.NoError(t, err)
	assert.True(t, deleted)
	_, err = f.pods().Get(ctx(t), "default", "bound")
	assertStatus(t, err, 404, metav1.StatusReasonNotFound)
}

// assertDeadline checks a terminating pod's stored deletion deadline.
func assertDeadline(t *testing.T, f *fixture, name string, want time.Time, grace int64, why string) {
	t.Helper()
	obj, err := f.pods().Get(ctx(t), "default", name)
	require.NoError(t, err)
	p := obj.(*corev1.Pod)
	require.NotNil(t, p.DeletionTimestamp, why)
	assert.Equal(t, want, p.DeletionTimestamp.Time.UTC(), why)
	assert.Equal(t, grace, *p.DeletionGracePeriodSeconds, why)
}

func TestFinalizersHoldDeletionUntilRemoved(t *testing.T) {
	f := newFixture(t)
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "held", Finalizers: []string{"example.com/cleanup"}}}
	_, err := f.configMaps().Create(ctx(t), "default", cm, registry.CreateOptions{})
	require.NoError(t, err)

	obj, deleted, err := f.configMaps().Delete(ctx(t), "default", "held", nil)
	require.NoError(t, err)
	assert.False(t, deleted)
	marked := obj.(*corev1.ConfigMap)
	require.NotNil(t, marked.DeletionTimestamp)

	// The finalizer's owner finishes and removes it: the object goes.
	done := marked.DeepCopy()
	done.Finalizers = nil
	_, err = f.configMaps().Update(ctx(t), "default", "held", replaceWith(done), registry.UpdateOptions{})
	require.NoError(t, err)
	_, err = f.configMaps().Get(ctx(t), "default", "held")
	assertStatus(t, err, 404, metav1.StatusReasonNotFound)
}

func TestPropagationPolicyIsRecordedAsFinalizer(t *testing.T) {
	f := newFixture(t)
	_, err := f.deployments().Create(ctx(t), "default", deployment("nginx", 1), registry.CreateOptions{})
	require.NoError(t, err)
	orphan := metav1.DeletePropagationOrphan
	obj, deleted, err := f.deployments().Delete(ctx(t), "default", "nginx", &metav1.DeleteOptions{PropagationPolicy: &orphan})
	require.NoError(t, err)
	assert.False(t, deleted, "the garbage collector must orphan the dependents first")
	assert.Equal(t, []string{metav1.FinalizerOrphanDependents}, obj.(*appsv1.Deployment).Finalizers)

	_, err = f.deployments().Create(ctx(t), "default", deployment("web", 1), registry.CreateOptions{})
	require.NoError(t, err)
	background := metav1.DeletePropagationBackground
	_, deleted, err = f.deployments().Delete(ctx(t), "default", "web", &metav1.DeleteOptions{PropagationPolicy: &background})
	require.NoError(t, err)
	assert.True(t, deleted)
}

func TestDeletePreconditions(t *testing.T) {
	f := newFixture(t)
	_, err := f.configMaps().Create(ctx(t), "default", &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "c"}}, registry.CreateOptions{})
	require.NoError(t, err)
	_, _, err = f.configMaps().Delete(ctx(t), "default", "c", &metav1.DeleteOptions{Preconditions: metav1.NewUIDPreconditions("other")})
	assertStatus(t, err, 409, metav1.StatusReasonConflict)
	_, _, err = f.configMaps().Delete(ctx(t), "default", "c", &metav1.DeleteOptions{Preconditions: &metav1.Preconditions{ResourceVersion: ptr.To("1")}})
	assertStatus(t, err, 409, metav1.StatusReasonConflict)
	_, _, err = f.configMaps().Delete(ctx(t), "default", "missing", nil)
	assertStatus(t, err, 404, metav1.StatusReasonNotFound)
}

func TestStorageErrorMapping(t *testing.T) {
	gr := (&registry.Resource{Name: "pods"}).GroupResource()
	tests := []struct {
		err    error
		code   int32
		reason metav1.StatusReason
	}{
		{storage.NewNotFound("/registry/pods/default/a"), 404, metav1.StatusReasonNotFound},
		{storage.NewKeyExists("/registry/pods/default/a"), 409, metav1.StatusReasonAlreadyExists},
		{storage.NewConflict("/registry/pods/default/a", 5), 409, metav1.StatusReasonConflict},
		{storage.NewTooOld(3, 10), 410, metav1.StatusReasonExpired},
		{&storage.StorageError{Code: storage.InvalidArgument, Message: "bad token"}, 400, metav1.StatusReasonBadRequest},
		{context.DeadlineExceeded, 504, metav1.StatusReasonTimeout},
		{assert.AnError, 500, metav1.StatusReasonInternalError},
	}
	for _, tt := range tests {
		assertStatus(t, registry.StorageError(tt.err, gr, "a"), tt.code, tt.reason)
	}
	assert.NoError(t, registry.StorageError(nil, gr, "a"))
}

// Deleting a namespace marks it Terminating and keeps it while its spec
// holds the "kubernetes" finalizer; removing that finalizer through the
// finalize subresource lets it go, as in Kubernetes.
func TestNamespaceDeletionWaitsForItsSpecFinalizer(t *testing.T) {
	f := newFixture(t)
	namespaces := f.stores["/namespaces"]
	created, err := namespaces.Create(ctx(t), "", &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "team"}}, registry.CreateOptions{})
	require.NoError(t, err)
	assert.Equal(t, []corev1.FinalizerName{corev1.FinalizerKubernetes}, created.(*corev1.Namespace).Spec.Finalizers)

	obj, deleted, err := namespaces.Delete(ctx(t), "", "team", nil)
	require.NoError(t, err)
	assert.False(t, deleted)
	ns := obj.(*corev1.Namespace)
	assert.Equal(t, corev1.NamespaceTerminating, ns.Status.Phase)
	require.NotNil(t, ns.DeletionTimestamp)

	// Deleting again changes nothing.
	_, deleted, err = namespaces.Delete(ctx(t), "", "team", nil)
	require.NoError(t, err)
	assert.False(t, deleted)
	again, err := namespaces.Get(ctx(t), "", "team")
	require.NoError(t, err)
	assert.Equal(t, ns.ResourceVersion, again.(*corev1.Namespace).ResourceVersion)

	// An ordinary update cannot drop the finalizer: only /finalize may, so
	// that a namespace is never gone before its contents are.
	labelled, err := namespaces.Update(ctx(t), "", "team", func(_ context.Context, current runtime.Object) (runtime.Object, error) {
		current.(*corev1.Namespace).Spec.Finalizers = nil
		current.(*corev1.Namespace).Labels = map[string]string{"team": "a"}
		return current, nil
	}, registry.UpdateOptions{})
	require.NoError(t, err)
	assert.Equal(t, []corev1.FinalizerName{corev1.FinalizerKubernetes}, labelled.(*corev1.Namespace).Spec.Finalizers)
	assert.Equal(t, "a", labelled.(*corev1.Namespace).Labels["team"], "the rest of the update lands")
	_, err = namespaces.Get(ctx(t), "", "team")
	require.NoError(t, err, "still there: its finalizer holds it")

	_, err = namespaces.Update(ctx(t), "", "team", func(_ context.Context, current runtime.Object) (runtime.Object, error) {
		current.(*corev1.Namespace).Spec.Finalizers = nil
		return current, nil
	}, registry.UpdateOptions{Subresource: "finalize"})
	require.NoError(t, err)
	_, err = namespaces.Get(ctx(t), "", "team")
	assertStatus(t, err, 404, metav1.StatusReasonNotFound)
}
