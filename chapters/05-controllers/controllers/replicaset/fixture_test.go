package replicaset

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/fake"
	clienttesting "k8s.io/client-go/testing"
	"k8s.io/client-go/tools/record"
	testingclock "k8s.io/utils/clock/testing"
	"k8s.io/utils/ptr"

	"github.com/kubeling/kubeling/solutions/client/cache"
	"github.com/kubeling/kubeling/solutions/controller"
)

// The tests of this package call sync (and the informer handlers) by hand.
// The informers are never started: what a test puts in their caches with
// fixture.observe is exactly what "the informer has seen", so a test can
// hold back a watch event for as long as it likes without sleeping.

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// epoch is the fake clock's start; pod times are set relative to it.
var epoch = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

// fixture is a controller over a fake apiserver (client) and the shared
// informers of a factory built on it, timed by a fake clock.
type fixture struct {
	client   *fake.Clientset
	factory  *cache.SharedInformerFactory
	clock    *testingclock.FakeClock
	recorder *record.FakeRecorder
	rsc      *ReplicaSetController
}

type newControllerFunc func(kubernetes.Interface, *cache.SharedInformerFactory, Options) *ReplicaSetController

// newFixture returns a ReplicaSet controller that knows objs, both in the
// apiserver and in its informers' caches.
func newFixture(t *testing.T, objs ...runtime.Object) *fixture {
	return newFixtureFor(t, NewReplicaSetController, objs...)
}

func newFixtureFor(t *testing.T, newController newControllerFunc, objs ...runtime.Object) *fixture {
	t.Helper()
	client := fake.NewClientset()
	nameCreatedPods(client)
	clk := testingclock.NewFakeClock(epoch)
	factory := cache.NewSharedInformerFactory(client, cache.FactoryOptions{Clock: clk, Logger: quiet})
	recorder := record.NewFakeRecorder(1000)
	rsc := newController(client, factory, Options{
		Clock: clk, Recorder: recorder, Logger: quiet,
		Loop: controller.Options{Clock: clk},
	})
	t.Cleanup(func() { stopQueue(rsc) })
	f := &fixture{client: client, factory: factory, clock: clk, recorder: recorder, rsc: rsc}
	for _, obj := range objs {
		require.NoError(t, client.Tracker().Add(obj))
		f.observe(t, obj)
	}
	return f
}

// stopQueue stops the goroutine of the controller's work queue: Run with
// a context already done returns at once and shuts the queue down.
func stopQueue(rsc *ReplicaSetController) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_ = rsc.loop.Run(ctx, 1)
}

// nameCreatedPods makes the fake apiserver do what the real one does on a
// create: turn generateName into a unique name, and give a uid.
func nameCreatedPods(client *fake.Clientset) {
	var n atomic.Int32
	client.PrependReactor("create", "pods", func(action clienttesting.Action) (bool, runtime.Object, error) {
		pod := action.(clienttesting.CreateAction).GetObject().(*corev1.Pod)
		if pod.Name == "" && pod.GenerateName != "" {
			pod.Name = fmt.Sprintf("%s%05d", pod.GenerateName, n.Add(1))
		}
		if pod.UID == "" {
			pod.UID = types.UID("uid-" + pod.Name)
		}
		return false, nil, nil // let the fake's tracker store it
	})
}

// observe puts obj in its informer's cache, as a watch event would.
func (f *fixture) observe(t *testing.T, obj runtime.Object) {
	t.Helper()
	var indexer cache.Indexer
	switch obj.(type) {
	case *corev1.Pod:
		indexer = f.factory.Pods().Informer().GetIndexer()
	case *appsv1.ReplicaSet:
		indexer = f.factory.ReplicaSets().Informer().GetIndexer()
	case *corev1.ReplicationController:
		indexer = f.factory.ReplicationControllers().Informer().GetIndexer()
	default:
		t.Fatalf("fixture cannot observe a %T", obj)
	}
	require.NoError(t, indexer.Update(obj))
}

// sync runs one sync of the object named key and returns its error.
func (f *fixture) sync(t *testing.T, key string) error {
	t.Helper()
	return f.rsc.sync(context.Background(), key)
}

// actions returns the requests made to the fake apiserver with verb on
// resource ("pods", "replicasets"), in order.
func (f *fixture) actions(verb, resource string) []clienttesting.Action {
	var out []clienttesting.Action
	for _, a := range f.client.Actions() {
		if a.GetVerb() == verb && a.GetResource().Resource == resource {
			out = append(out, a)
		}
	}
	return out
}

// pods lists the pods stored in the fake apiserver, sorted by name.
func (f *fixture) pods(t *testing.T) []corev1.Pod {
	t.Helper()
	list, err := f.client.CoreV1().Pods("default").List(context.Background(), metav1.ListOptions{})
	require.NoError(t, err)
	sort.Slice(list.Items, func(i, j int) bool { return list.Items[i].Name < list.Items[j].Name })
	return list.Items
}

// events drains the events recorded so far ("Normal SuccessfulCreate
// Created pod: web-00001").
func (f *fixture) events() []string {
	var out []string
	for {
		select {
		case e := <-f.recorder.Events:
			out = append(out, e)
		default:
			return out
		}
	}
}

var webLabels = map[string]string{"app": "web"}

// newRS returns a ReplicaSet "default/<name>" of replicas pods labelled
// lbls, selecting lbls.
func newRS(name string, replicas int32, lbls map[string]string) *appsv1.ReplicaSet {
	return &appsv1.ReplicaSet{
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name, UID: types.UID(name + "-uid"), Generation: 1},
		Spec: appsv1.ReplicaSetSpec{
			Replicas: ptr.To(replicas),
			Selector: &metav1.LabelSelector{MatchLabels: lbls},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: lbls},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "web", Image: "nginx"}}},
			},
		},
	}
}

// newPod returns a pod "default/<name>" labelled lbls and controlled by
// owner (an orphan if owner is nil): running on node-1, not ready,
// created an hour before epoch.
func newPod(name string, lbls map[string]string, owner *appsv1.ReplicaSet) *corev1.Pod {
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{
			Namespace: "default", Name: name, UID: types.UID(name + "-uid"), Labels: lbls,
			ResourceVersion: "1", CreationTimestamp: metav1.NewTime(epoch.Add(-time.Hour)),
		},
		Spec:   corev1.PodSpec{NodeName: "node-1"},
		Status: corev1.PodStatus{Phase: corev1.PodRunning},
	}
	if owner != nil {
		pod.OwnerReferences = []metav1.OwnerReference{*metav1.NewControllerRef(owner, appsv1.SchemeGroupVersion.WithKind("ReplicaSet"))}
	}
	return pod
}

// readyAt marks pod Ready since t.
func readyAt(pod *corev1.Pod, t time.Time) *corev1.Pod {
	pod.Status.Conditions = []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue, LastTransitionTime: metav1.NewTime(t)}}
	return pod
}

func key(obj metav1.Object) string { return obj.GetNamespace() + "/" + obj.GetName() }

// createdPods returns the pods the fake apiserver holds, as the informer
// would deliver them.
func createdPods(t *testing.T, f *fixture) []*corev1.Pod {
	var out []*corev1.Pod
	for _, pod := range f.pods(t) {
		out = append(out, &pod)
	}
	return out
}

func appsGVR(resource string) schema.GroupVersionResource {
	return appsv1.SchemeGroupVersion.WithResource(resource)
}

func hasCondition(rs *appsv1.ReplicaSet, t appsv1.ReplicaSetConditionType, reason string) bool {
	for _, c := range rs.Status.Conditions {
		if c.Type == t && c.Status == corev1.ConditionTrue && c.Reason == reason {
			return true
		}
	}
	return false
}
