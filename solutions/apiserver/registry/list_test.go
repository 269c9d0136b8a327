package registry_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubeling/kubeling/solutions/apiserver/registry"
)

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

func listPods(t *testing.T, f *fixture, ns, labelSel, fieldSel string, opts registry.ListOptions) runtime.Object {
	t.Helper()
	pred, err := f.pods().NewPredicate(labelSel, fieldSel)
	require.NoError(t, err)
	list, err := f.pods().List(ctx(t), ns, pred, opts)
	require.NoError(t, err)
	return list
}

func seedPods(t *testing.T, f *fixture) {
	t.Helper()
	for _, p := range []struct{ ns, name, node, app string }{
		{"default", "a", "node-01", "web"},
		{"default", "b", "node-02", "web"},
		{"default", "c", "", "db"},
		{"default", "d", "node-01", "db"},
		{"prod", "e", "node-01", "web"},
	} {
		_, err := f.pods().Create(ctx(t), p.ns, pod(p.name, p.node, map[string]string{"app": p.app}), registry.CreateOptions{})
		require.NoError(t, err)
	}
}

func TestListSelectors(t *testing.T) {
	f := newFixture(t)
	seedPods(t, f)

	assert.Equal(t, []string{"a", "b", "c", "d"}, names(t, listPods(t, f, "default", "", "", registry.ListOptions{})))
	assert.Equal(t, []string{"a", "b", "c", "d", "e"}, names(t, listPods(t, f, "", "", "", registry.ListOptions{})))
	assert.Equal(t, []string{"a", "b", "e"}, names(t, listPods(t, f, "", "app=web", "", registry.ListOptions{})))
	assert.Equal(t, []string{"c", "d"}, names(t, listPods(t, f, "default", "app in (db)", "", registry.ListOptions{})))
	// What the kubelet asks: pods on my node.
	assert.Equal(t, []string{"a", "d", "e"}, names(t, listPods(t, f, "", "", "spec.nodeName=node-01", registry.ListOptions{})))
	// What the scheduler asks: pods on no node.
	assert.Equal(t, []string{"c"}, names(t, listPods(t, f, "", "", "spec.nodeName=", registry.ListOptions{})))
	assert.Equal(t, []string{"e"}, names(t, listPods(t, f, "", "app=web", "metadata.namespace=prod", registry.ListOptions{})))
	assert.Equal(t, []string{"b"}, names(t, listPods(t, f, "", "", "metadata.name=b,status.phase=Pending", registry.ListOptions{})))

	_, err := f.pods().NewPredicate("", "spec.unknown=x")
	assertStatus(t, err, 400, metav1.StatusReasonBadRequest)
	assert.Contains(t, err.Error(), "field label not supported: spec.unknown")
	_, err = f.pods().NewPredicate("app=(", "")
	assertStatus(t, err, 400, metav1.StatusReasonBadRequest)
	_, err = f.pods().NewPredicate("a===b", "")
	assertStatus(t, err, 400, metav1.StatusReasonBadRequest)
	assert.Equal(t, 1, strings.Count(err.Error(), "unable to parse requirement"), "the parser's message, said once: %v", err)

	// Each resource has its own selectable fields.
	_, err = f.stores["/nodes"].NewPredicate("", "spec.unschedulable=true")
	assert.NoError(t, err)
	_, err = f.stores["/secrets"].NewPredicate("", "type=kubernetes.io/tls")
	assert.NoError(t, err)
	_, err = f.stores["/nodes"].NewPredicate("", "spec.nodeName=x")
	assert.Error(t, err)
}

func TestListPagesAreOneSnapshot(t *testing.T) {
	f := newFixture(t)
	seedPods(t, f)

	// Two web pods a page, among pods that mostly are not web pods.
	first := listPods(t, f, "", "app=web", "", registry.ListOptions{Limit: 2})
	assert.Equal(t, []string{"a", "b"}, names(t, first))
	firstMeta, _ := meta.ListAccessor(first)
	require.NotEmpty(t, firstMeta.GetContinue())

	// A write between pages is not seen by the next page.
	_, err := f.pods().Create(ctx(t), "prod", pod("f", "", map[string]string{"app": "web"}), registry.CreateOptions{})
	require.NoError(t, err)

	second := listPods(t, f, "", "app=web", "", registry.ListOptions{Limit: 2, Continue: firstMeta.GetContinue()})
	assert.Equal(t, []string{"e"}, names(t, second))
	secondMeta, _ := meta.ListAccessor(second)
	assert.Empty(t, secondMeta.GetContinue())
	assert.Equal(t, firstMeta.GetResourceVersion(), secondMeta.GetResourceVersion())

	// An exact resourceVersion reads the past.
	old := listPods(t, f, "prod", "", "", registry.ListOptions{ResourceVersion: firstMeta.GetResourceVersion(), ResourceVersionMatch: metav1.ResourceVersionMatchExact})
	assert.Equal(t, []string{"e"}, names(t, old))
	now := listPods(t, f, "prod", "", "", registry.ListOptions{})
	assert.Equal(t, []string{"e", "f"}, names(t, now))

	// An empty list is an empty list, not null.
	empty := listPods(t, f, "nowhere", "", "", registry.ListOptions{})
	assert.Equal(t, []corev1.Pod{}, empty.(*corev1.PodList).Items)
	assert.Equal(t, "PodList", empty.GetObjectKind().GroupVersionKind().Kind)
}

func TestDeleteCollection(t *testing.T) {
	f := newFixture(t)
	seedPods(t, f)
	pred, err := f.pods().NewPredicate("app=db", "")
	require.NoError(t, err)
	deleted, err := f.pods().DeleteCollection(ctx(t), "default", pred, nil)
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"c", "d"}, names(t, deleted))
	// d was on a node: it is terminating, c is gone.
	assert.Equal(t, []string{"a", "b", "d"}, names(t, listPods(t, f, "default", "", "", registry.ListOptions{})))
}
