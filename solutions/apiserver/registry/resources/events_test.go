package resources_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubeling/kubeling/solutions/apiserver/registry"
	"github.com/kubeling/kubeling/solutions/apiserver/registry/resources"
	"github.com/kubeling/kubeling/solutions/storage/sqlite"
)

type fixture struct {
	stores map[string]*registry.Store // by "group/resource"
}

// newFixture serves this package's resources from a fresh store.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "state.db"), 10*time.Millisecond)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	f := &fixture{stores: map[string]*registry.Store{}}
	for _, r := range resources.Catalogue() {
		f.stores[r.GroupVersion.Group+"/"+r.Name] = registry.NewStore(r, registry.Options{Storage: s})
	}
	return f
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return c
}

func names(t *testing.T, list runtime.Object) []string {
	t.Helper()
	items, err := meta.ExtractList(list)
	require.NoError(t, err)
	out := []string{}
	for _, item := range items {
		out = append(out, item.(metav1.Object).GetName())
	}
	return out
}

func replaceWith(obj runtime.Object) registry.TransformFunc {
	return func(context.Context, runtime.Object) (runtime.Object, error) { return obj.DeepCopyObject(), nil }
}

func TestEventsV1AndCoreEventsAreTheSameObjects(t *testing.T) {
	f := newFixture(t)
	core := &corev1.Event{
		ObjectMeta:     metav1.ObjectMeta{Name: "nginx.1"},
		InvolvedObject: corev1.ObjectReference{Kind: "Deployment", Name: "nginx", Namespace: "default"},
		Reason:         "ScalingReplicaSet",
		Message:        "Scaled up replica set nginx-bdf578756 to 1",
		Type:           "Normal",
		Source:         corev1.EventSource{Component: "deployment-controller"},
		Count:          1,
	}
	_, err := f.stores["/events"].Create(ctx(t), "default", core, registry.CreateOptions{})
	require.NoError(t, err)

	newer, err := f.stores["events.k8s.io/events"].Get(ctx(t), "default", "nginx.1")
	require.NoError(t, err)
	ev := newer.(*eventsv1.Event)
	assert.Equal(t, "events.k8s.io/v1", ev.APIVersion)
	assert.Equal(t, "Scaled up replica set nginx-bdf578756 to 1", ev.Note)
	assert.Equal(t, "nginx", ev.Regarding.Name)
	assert.Equal(t, "deployment-controller", ev.DeprecatedSource.Component)

	// Written through the newer API, read through the core one.
	ev.Note = "changed"
	_, err = f.stores["events.k8s.io/events"].Update(ctx(t), "default", "nginx.1", replaceWith(ev), registry.UpdateOptions{})
	require.NoError(t, err)
	back, err := f.stores["/events"].Get(ctx(t), "default", "nginx.1")
	require.NoError(t, err)
	assert.Equal(t, "changed", back.(*corev1.Event).Message)
	assert.Equal(t, "v1", back.GetObjectKind().GroupVersionKind().Version)

	pred, err := f.stores["events.k8s.io/events"].NewPredicate("", "regarding.name=nginx,reason=ScalingReplicaSet")
	require.NoError(t, err)
	list, err := f.stores["events.k8s.io/events"].List(ctx(t), "default", pred, registry.ListOptions{})
	require.NoError(t, err)
	assert.Equal(t, []string{"nginx.1"}, names(t, list))
}

// An Event written through events.k8s.io/v1 carries a reportingController
// and no source; each API's field selectors still find it, under the names
// Kubernetes gives them (the e2e test "Events API should ensure that an
// event can be fetched, patched, deleted, and listed").
func TestEventFieldSelectorsAcrossBothAPIs(t *testing.T) {
	f := newFixture(t)
	ev := &eventsv1.Event{
		ObjectMeta:          metav1.ObjectMeta{Name: "test-event"},
		EventTime:           metav1.NowMicro(),
		ReportingController: "test-controller",
		ReportingInstance:   "test-node",
		Action:              "Do",
		Reason:              "Test",
		Type:                "Normal",
		Regarding:           corev1.ObjectReference{Kind: "Pod", Name: "p", Namespace: "default"},
	}
	_, err := f.stores["events.k8s.io/events"].Create(ctx(t), "default", ev, registry.CreateOptions{})
	require.NoError(t, err)

	list := func(store, selector string) []string {
		t.Helper()
		pred, err := f.stores[store].NewPredicate("", selector)
		require.NoError(t, err)
		l, err := f.stores[store].List(ctx(t), "", pred, registry.ListOptions{})
		require.NoError(t, err)
		return names(t, l)
	}
	assert.Equal(t, []string{"test-event"}, list("/events", "source=test-controller"))
	assert.Equal(t, []string{"test-event"}, list("/events", "reportingComponent=test-controller"))
	assert.Equal(t, []string{"test-event"}, list("/events", "involvedObject.kind=Pod,involvedObject.name=p,reason=Test,type=Normal"))
	assert.Equal(t, []string{"test-event"}, list("events.k8s.io/events", "reportingController=test-controller"))
	assert.Equal(t, []string{"test-event"}, list("events.k8s.io/events", "regarding.kind=Pod,type=Normal"))
	assert.Empty(t, list("events.k8s.io/events", "reportingController=other"))

	// The core names are not the newer API's.
	for _, sel := range []string{"involvedObject.name=p", "reportingComponent=test-controller", "deprecatedSource=x", "source=x"} {
		_, err = f.stores["events.k8s.io/events"].NewPredicate("", sel)
		assert.Error(t, err, sel)
	}
}
