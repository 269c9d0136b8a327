package registry_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/registry"
)

// next returns the next event of w, failing after a few seconds.
func next(t *testing.T, w *registry.Watcher) watch.Event {
	t.Helper()
	select {
	case ev, ok := <-w.ResultChan():
		require.True(t, ok, "the watch ended early")
		return ev
	case <-time.After(5 * time.Second):
		t.Fatal("no watch event within 5s")
		return watch.Event{}
	}
}

// nextSkippingBookmarks returns the next event that is not a BOOKMARK.
func nextSkippingBookmarks(t *testing.T, w *registry.Watcher) watch.Event {
	t.Helper()
	for {
		if ev := next(t, w); ev.Type != watch.Bookmark {
			return ev
		}
	}
}

func assertEvent(t *testing.T, ev watch.Event, typ watch.EventType, name string) {
	t.Helper()
	assert.Equal(t, typ, ev.Type)
	if obj, ok := ev.Object.(metav1.Object); ok {
		assert.Equal(t, name, obj.GetName())
	}
}

func startWatch(t *testing.T, s *registry.Store, ns, labelSel, fieldSel string, opts registry.WatchOptions) *registry.Watcher {
	t.Helper()
	pred, err := s.NewPredicate(labelSel, fieldSel)
	require.NoError(t, err)
	w, err := s.Watch(ctx(t), ns, pred, opts)
	require.NoError(t, err)
	t.Cleanup(w.Stop)
	return w
}

func update(t *testing.T, s *registry.Store, ns, name string, change func(obj runtime.Object)) {
	t.Helper()
	_, err := s.Update(ctx(t), ns, name, func(_ context.Context, obj runtime.Object) (runtime.Object, error) {
		change(obj)
		return obj, nil
	}, registry.UpdateOptions{})
	require.NoError(t, err)
}

func stored(t *testing.T, s *registry.Store, ns, name string) runtime.Object {
	t.Helper()
	obj, err := s.Get(ctx(t), ns, name)
	require.NoError(t, err)
	return obj
}

func TestWatchFromAListSeesEveryLaterChange(t *testing.T) {
	f := newFixture(t)
	seedPods(t, f)
	list := listPods(t, f, "default", "", "", registry.ListOptions{})
	rv := list.(*corev1.PodList).ResourceVersion

	w := startWatch(t, f.pods(), "default", "", "", registry.WatchOptions{ResourceVersion: rv})
	_, err := f.pods().Create(ctx(t), "default", pod("new", "", nil), registry.CreateOptions{})
	require.NoError(t, err)
	update(t, f.pods(), "default", "a", func(obj runtime.Object) { obj.(*corev1.Pod).Labels["v"] = "2" })
	_, _, err = f.pods().Delete(ctx(t), "default", "c", nil)
	require.NoError(t, err)
	_, err = f.pods().Create(ctx(t), "prod", pod("elsewhere", "", nil), registry.CreateOptions{})
	require.NoError(t, err)

	assertEvent(t, next(t, w), watch.Added, "new")
	ev := next(t, w)
	assertEvent(t, ev, watch.Modified, "a")
	assert.Equal(t, "2", ev.Object.(*corev1.Pod).Labels["v"])
	ev = next(t, w)
	assertEvent(t, ev, watch.Deleted, "c")
	// A deleted object carries the resourceVersion of its deletion.
	listRV, err := strconv.ParseInt(rv, 10, 64)
	require.NoError(t, err)
	assert.Greater(t, rvOf(t, ev.Object), listRV)
	// Events come in resourceVersion order: had the pod created in prod
	// been sent, it would come before this later one in default.
	_, err = f.pods().Create(ctx(t), "default", pod("later", "", nil), registry.CreateOptions{})
	require.NoError(t, err)
	assertEvent(t, next(t, w), watch.Added, "later")
}

func TestFilteredWatchReportsObjectsEnteringAndLeaving(t *testing.T) {
	f := newFixture(t)
	seedPods(t, f)
	list := listPods(t, f, "", "", "spec.nodeName=node-01", registry.ListOptions{})
	rv := list.(*corev1.PodList).ResourceVersion

	// A kubelet of node-01 watches its pods.
	w := startWatch(t, f.pods(), "", "", "spec.nodeName=node-01", registry.WatchOptions{ResourceVersion: rv})

	// c is bound to node-01: for this watcher it appears.
	update(t, f.pods(), "default", "c", func(obj runtime.Object) { obj.(*corev1.Pod).Spec.NodeName = "node-01" })
	assertEvent(t, next(t, w), watch.Added, "c")
	// a changes but stays on node-01.
	update(t, f.pods(), "default", "a", func(obj runtime.Object) { obj.(*corev1.Pod).Labels["v"] = "2" })
	assertEvent(t, next(t, w), watch.Modified, "a")
	// b changes on node-02: not this watcher's business.
	update(t, f.pods(), "default", "b", func(obj runtime.Object) { obj.(*corev1.Pod).Labels["v"] = "2" })
	// d moves away from node-01: for this watcher it is gone. As in
	// Kubernetes, the DELETED event carries the state that matched, with
	// the resourceVersion of the change that made it stop matching.
	update(t, f.pods(), "default", "d", func(obj runtime.Object) { obj.(*corev1.Pod).Spec.NodeName = "node-03" })
	ev := next(t, w)
	assertEvent(t, ev, watch.Deleted, "d")
	assert.Equal(t, "node-01", ev.Object.(*corev1.Pod).Spec.NodeName, "the DELETED event carries the state that matched")
	assert.Equal(t, rvOf(t, stored(t, f.pods(), "default", "d")), rvOf(t, ev.Object))
	// a leaves too: the state that matched is its latest, seen as MODIFIED.
	update(t, f.pods(), "default", "a", func(obj runtime.Object) { obj.(*corev1.Pod).Spec.NodeName = "node-03" })
	ev = next(t, w)
	assertEvent(t, ev, watch.Deleted, "a")
	assert.Equal(t, "node-01", ev.Object.(*corev1.Pod).Spec.NodeName)
	assert.Equal(t, "2", ev.Object.(*corev1.Pod).Labels["v"])
	assert.Equal(t, rvOf(t, stored(t, f.pods(), "default", "a")), rvOf(t, ev.Object))
	// e (prod, node-01) is deleted for good.
	_, err := f.pods().Update(ctx(t), "prod", "e", func(_ context.Context, obj runtime.Object) (runtime.Object, error) {
		p := obj.(*corev1.Pod)
		p.Spec.NodeName = "node-01"
		return p, nil
	}, registry.UpdateOptions{})
	require.NoError(t, err)
	assertEvent(t, next(t, w), watch.Modified, "e")
	_, _, err = f.pods().Delete(ctx(t), "prod", "e", &metav1.DeleteOptions{GracePeriodSeconds: new(int64)})
	require.NoError(t, err)
	assertEvent(t, next(t, w), watch.Deleted, "e")
}

func TestWatchWithoutVersionStartsWithTheCurrentState(t *testing.T) {
	f := newFixture(t)
	seedPods(t, f)

	w := startWatch(t, f.pods(), "default", "app=web", "", registry.WatchOptions{ResourceVersion: ""})
	assertEvent(t, next(t, w), watch.Added, "a")
	assertEvent(t, next(t, w), watch.Added, "b")
	_, err := f.pods().Create(ctx(t), "default", pod("later", "", map[string]string{"app": "web"}), registry.CreateOptions{})
	require.NoError(t, err)
	assertEvent(t, next(t, w), watch.Added, "later")

	// a stops matching: DELETED, carrying the state the client saw match.
	update(t, f.pods(), "default", "a", func(obj runtime.Object) { obj.(*corev1.Pod).Labels["app"] = "db" })
	ev := next(t, w)
	assertEvent(t, ev, watch.Deleted, "a")
	assert.Equal(t, "web", ev.Object.(*corev1.Pod).Labels["app"])
	assert.Equal(t, rvOf(t, stored(t, f.pods(), "default", "a")), rvOf(t, ev.Object))
}

func TestWatchListEndsInitialEventsWithABookmark(t *testing.T) {
	f := newFixture(t)
	seedPods(t, f)
	w := startWatch(t, f.pods(), "prod", "", "", registry.WatchOptions{
		ResourceVersion: "", SendInitialEvents: true, AllowBookmarks: true,
	})
	assertEvent(t, next(t, w), watch.Added, "e")
	ev := next(t, w)
	require.Equal(t, watch.Bookmark, ev.Type)
	bookmark := ev.Object.(*corev1.Pod)
	assert.Equal(t, "true", bookmark.Annotations[metav1.InitialEventsAnnotationKey])
	assert.NotEmpty(t, bookmark.ResourceVersion)
	assert.Equal(t, "Pod", bookmark.Kind)
}

func TestIdleWatchGetsBookmarks(t *testing.T) {
	f := newFixture(t)
	seedPods(t, f)
	list := listPods(t, f, "", "", "", registry.ListOptions{})
	rv := list.(*corev1.PodList).ResourceVersion
	w := startWatch(t, f.pods(), "", "", "", registry.WatchOptions{
		ResourceVersion: rv, AllowBookmarks: true, BookmarkInterval: 20 * time.Millisecond,
	})
	ev := next(t, w)
	require.Equal(t, watch.Bookmark, ev.Type)
	assert.Equal(t, rv, ev.Object.(*corev1.Pod).ResourceVersion)

	_, err := f.pods().Create(ctx(t), "default", pod("new", "", nil), registry.CreateOptions{})
	require.NoError(t, err)
	created := nextSkippingBookmarks(t, w)
	assertEvent(t, created, watch.Added, "new")
	ev = next(t, w)
	require.Equal(t, watch.Bookmark, ev.Type)
	assert.Equal(t, created.Object.(*corev1.Pod).ResourceVersion, ev.Object.(*corev1.Pod).ResourceVersion,
		"a bookmark after an event names that event's version")
}

func TestWatchFromACompactedVersionIsGone(t *testing.T) {
	f := newFixture(t)
	seedPods(t, f)
	list := listPods(t, f, "", "", "", registry.ListOptions{})
	old := list.(*corev1.PodList).ResourceVersion
	// Compact(R) keeps revision R itself, as etcd does: a watch from R-1 is
	// still served. Two writes put the list's version out of reach.
	update(t, f.pods(), "default", "a", func(obj runtime.Object) { obj.(*corev1.Pod).Labels["v"] = "2" })
	update(t, f.pods(), "default", "a", func(obj runtime.Object) { obj.(*corev1.Pod).Labels["v"] = "3" })
	current, err := f.storage.CurrentResourceVersion(ctx(t))
	require.NoError(t, err)
	require.NoError(t, f.storage.Compact(ctx(t), current))

	for _, fieldSel := range []string{"", "spec.nodeName=node-01"} { // plain and filtered watches
		w := startWatch(t, f.pods(), "", "", fieldSel, registry.WatchOptions{ResourceVersion: old})
		ev := next(t, w)
		require.Equal(t, watch.Error, ev.Type)
		status := ev.Object.(*metav1.Status)
		assert.Equal(t, int32(410), status.Code)
		assert.Equal(t, metav1.StatusReasonExpired, status.Reason)
		_, open := <-w.ResultChan()
		assert.False(t, open, "no event follows an ERROR")
	}
}

func TestWatchFromTheFutureIsTooLarge(t *testing.T) {
	f := newFixture(t)
	current, err := f.storage.CurrentResourceVersion(ctx(t))
	require.NoError(t, err)
	w := startWatch(t, f.pods(), "", "", "spec.nodeName=x", registry.WatchOptions{ResourceVersion: strconv.FormatInt(current+100, 10)})
	ev := next(t, w)
	require.Equal(t, watch.Error, ev.Type)
	status := ev.Object.(*metav1.Status)
	assert.Equal(t, int32(504), status.Code)
	assert.Equal(t, metav1.CauseTypeResourceVersionTooLarge, status.Details.Causes[0].Type)
}

func TestWatchStopReleasesIt(t *testing.T) {
	f := newFixture(t)
	pred, err := f.pods().NewPredicate("", "")
	require.NoError(t, err)
	w, err := f.pods().Watch(ctx(t), "", pred, registry.WatchOptions{ResourceVersion: "1"})
	require.NoError(t, err)
	w.Stop()
	w.Stop() // twice is fine
	_, open := <-w.ResultChan()
	assert.False(t, open)

	_, err = f.pods().Watch(ctx(t), "", pred, registry.WatchOptions{ResourceVersion: "abc"})
	assertStatus(t, err, 400, metav1.StatusReasonBadRequest)
}
