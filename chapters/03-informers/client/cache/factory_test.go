package cache

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"
)

func startFactory(t *testing.T, f *SharedInformerFactory) context.Context {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() {
		cancel()
		f.Shutdown()
	})
	f.Start(ctx)
	require.True(t, f.WaitForCacheSync(ctx))
	return ctx
}

func countVerb(client *fake.Clientset, verb, resource string) int {
	n := 0
	for _, a := range client.Actions() {
		if a.GetVerb() == verb && a.GetResource().Resource == resource {
			n++
		}
	}
	return n
}

func TestFactoryHandsOutOneInformerPerType(t *testing.T) {
	f := NewSharedInformerFactory(fake.NewClientset(), FactoryOptions{Logger: quiet})
	assert.Same(t, f.Pods().Informer(), f.Pods().Informer())
	assert.NotSame(t, f.Pods().Informer(), f.Nodes().Informer())
	all := []*SharedIndexInformer{f.Pods().Informer(), f.Nodes().Informer(), f.Namespaces().Informer(),
		f.Services().Informer(), f.Endpoints().Informer(), f.Events().Informer(),
		f.Deployments().Informer(), f.ReplicaSets().Informer()}
	seen := map[*SharedIndexInformer]bool{}
	for _, inf := range all {
		seen[inf] = true
	}
	assert.Len(t, seen, 8)
}

func TestFactoryInformersFollowTheClientset(t *testing.T) {
	client := fake.NewClientset(
		newPod("default", "a", "node-01"),
		&corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "node-01"}},
		&appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "nginx"}},
	)
	f := NewSharedInformerFactory(client, FactoryOptions{Logger: quiet})
	pods, nodes, deployments := f.Pods(), f.Nodes(), f.Deployments()
	require.NoError(t, pods.Informer().AddIndexers(Indexers{PodNodeNameIndex: PodNodeNameIndexFunc}))
	ctx := startFactory(t, f)

	node, err := nodes.Lister().Get("node-01")
	require.NoError(t, err)
	assert.Equal(t, "node-01", node.Name)
	d, err := deployments.Lister().Namespace("default").Get("nginx")
	require.NoError(t, err)
	assert.Equal(t, "nginx", d.Name)
	_, err = pods.Lister().Namespace("default").Get("missing")
	assert.True(t, apierrors.IsNotFound(err), "a lister answers NotFound like the apiserver")

	_, err = client.CoreV1().Pods("default").Create(ctx, newPod("default", "b", "node-01"), metav1.CreateOptions{})
	require.NoError(t, err)
	_, err = client.CoreV1().Pods("other").Create(ctx, newPod("other", "c", ""), metav1.CreateOptions{})
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		all, _ := pods.Lister().List(labels.Everything())
		return len(all) == 3
	}, waitFor, tick)

	inDefault, err := pods.Lister().Namespace("default").List(labels.Everything())
	require.NoError(t, err)
	assert.Len(t, inDefault, 2)
	appB, err := pods.Lister().List(labels.SelectorFromSet(labels.Set{"app": "b"}))
	require.NoError(t, err)
	require.Len(t, appB, 1)
	assert.Equal(t, "b", appB[0].Name)
	onNode, err := pods.Informer().GetIndexer().IndexKeys(PodNodeNameIndex, "node-01")
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"default/a", "default/b"}, onNode)
}

func TestFactoryAppliesNamespaceAndSelectors(t *testing.T) {
	client := fake.NewClientset()
	f := NewSharedInformerFactory(client, FactoryOptions{Logger: quiet, Namespace: "team-a",
		Selectors: Selectors{Label: "app=web", Field: "spec.nodeName=node-01"}})
	f.Pods()
	startFactory(t, f)
	require.Eventually(t, func() bool { return countVerb(client, "watch", "pods") == 1 }, waitFor, tick)
	require.Equal(t, 1, countVerb(client, "list", "pods"))
	for _, a := range client.Actions() {
		if a.GetVerb() != "list" && a.GetVerb() != "watch" {
			continue
		}
		assert.Equal(t, "team-a", a.GetNamespace())
		var label, field string
		switch a := a.(type) {
		case k8stesting.ListActionImpl:
			label, field = a.GetListRestrictions().Labels.String(), a.GetListRestrictions().Fields.String()
		case k8stesting.WatchActionImpl:
			label, field = a.GetWatchRestrictions().Labels.String(), a.GetWatchRestrictions().Fields.String()
		}
		assert.Equal(t, "app=web", label, a.GetVerb())
		assert.Equal(t, "spec.nodeName=node-01", field, a.GetVerb())
	}
}

// TestRelistAfterGoneFromTheClientset drives the fake clientset's watch by
// hand: the first watch answers with an ERROR event carrying a 410 Status,
// as an apiserver does when the version asked for has been compacted. The
// reflector must list again, and so pick up a pod created while its watch
// was useless.
func TestRelistAfterGoneFromTheClientset(t *testing.T) {
	client := fake.NewClientset(newPod("default", "a", ""))
	driven := watch.NewFake()
	var watches atomic.Int32
	client.PrependWatchReactor("pods", func(k8stesting.Action) (bool, watch.Interface, error) {
		if watches.Add(1) == 1 {
			return true, driven, nil
		}
		return false, nil, nil // later watches go to the fake's object tracker
	})
	f := NewSharedInformerFactory(client, FactoryOptions{Logger: quiet})
	pods := f.Pods()
	rec := &recorder{}
	pods.Informer().AddEventHandler(rec)
	ctx := startFactory(t, f)

	// The tracker does not know of the driven watch: this change is not
	// streamed to the informer.
	_, err := client.CoreV1().Pods("default").Create(ctx, newPod("default", "b", ""), metav1.CreateOptions{})
	require.NoError(t, err)
	driven.Error(&apierrors.NewResourceExpired("too old resource version").ErrStatus)

	require.Eventually(t, func() bool { return countVerb(client, "list", "pods") == 2 }, waitFor, tick, "a 410 must cause a relist")
	require.Eventually(t, func() bool {
		_, err := pods.Lister().Namespace("default").Get("b")
		return err == nil
	}, waitFor, tick, "the relist brings the cache up to date")
	require.Eventually(t, func() bool { return watches.Load() == 2 }, waitFor, tick, "and the watch starts again")
}

// TestFactoryListerObjectsAreTyped checks the generic lister returns the
// type asked for, not runtime.Object.
func TestFactoryListerObjectsAreTyped(t *testing.T) {
	client := fake.NewClientset(&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "default"}})
	f := NewSharedInformerFactory(client, FactoryOptions{Logger: quiet})
	ns := f.Namespaces()
	startFactory(t, f)
	got, err := ns.Lister().Get("default")
	require.NoError(t, err)
	var _ *corev1.Namespace = got
	var _ runtime.Object = got
	assert.Equal(t, "default", got.Name)
}
