package garbagecollector

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	fakediscovery "k8s.io/client-go/discovery/fake"
	"k8s.io/client-go/metadata/fake"
	clienttesting "k8s.io/client-go/testing"
)

// The collector watches only what it can act on: resources with list,
// watch and delete, in their preferred version, and never events (many,
// and owning nothing). A review that can only be created, watched, would
// fail its informer's first list forever.
func TestDeletableResourcesAreThoseWithListWatchAndDelete(t *testing.T) {
	all := []string{"create", "delete", "get", "list", "patch", "update", "watch"}
	d := &fakediscovery.FakeDiscovery{Fake: &clienttesting.Fake{}}
	d.Resources = []*metav1.APIResourceList{
		{GroupVersion: "v1", APIResources: []metav1.APIResource{
			{Name: "pods", Kind: "Pod", Namespaced: true, Verbs: all},
			{Name: "pods/status", Kind: "Pod", Namespaced: true, Verbs: []string{"get", "patch", "update"}},
			{Name: "events", Kind: "Event", Namespaced: true, Verbs: all},
			{Name: "nodes", Kind: "Node", Verbs: all},
			// read-only: watched, it could never be collected
			{Name: "readonlythings", Kind: "ReadOnlyThing", Verbs: []string{"get", "list", "watch"}},
		}},
		{GroupVersion: "apps/v1", APIResources: []metav1.APIResource{{Name: "replicasets", Kind: "ReplicaSet", Namespaced: true, Verbs: all}}},
		{GroupVersion: "authentication.k8s.io/v1", APIResources: []metav1.APIResource{{Name: "tokenreviews", Kind: "TokenReview", Verbs: []string{"create"}}}},
	}
	got, err := DeletableResources(d)()
	require.NoError(t, err)
	assert.ElementsMatch(t, []Resource{
		{GVR: podGVR, Kind: "Pod", Namespaced: true},
		{GVR: schema.GroupVersionResource{Version: "v1", Resource: "nodes"}, Kind: "Node"},
		{GVR: rsGVR, Kind: "ReplicaSet", Namespaced: true},
	}, got, "the resources to watch")
}

// Discovery is asked again every 30 s: a kind that appears later (a new
// CRD) is watched from then on, and a pod owned by an object of that kind,
// gone, is collected. Until then its owner's kind is unknown, and the pod
// is retried, never deleted on a guess.
func TestRediscoveryCollectsDependentsOfANewKind(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var rsServed atomic.Bool
		resources := func() ([]Resource, error) {
			all, _ := testResources()
			if !rsServed.Load() {
				return all[1:], nil // pods only
			}
			return all, nil
		}
		scheme := fake.NewTestScheme()
		require.NoError(t, metav1.AddMetaToScheme(scheme))
		client := fake.NewSimpleMetadataClient(scheme, pod("web-1", controlledBy("web", "uid-rs")))
		gc := New(client, resources, Options{Logger: quiet})
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		wg.Go(func() { assert.NoError(t, gc.Run(ctx, 2)) })
		defer func() { cancel(); wg.Wait() }()

		time.Sleep(20 * time.Second)
		synctest.Wait()
		_, err := client.Tracker().Get(podGVR, "default", "web-1")
		require.NoError(t, err, "a pod whose owner's kind is not known yet was deleted")

		rsServed.Store(true)
		time.Sleep(30 * time.Minute) // rediscovery, then the pod's next retry
		synctest.Wait()
		_, err = client.Tracker().Get(podGVR, "default", "web-1")
		assert.Error(t, err, "a pod whose owner (a kind discovered later) is gone should have been deleted")
	})
}
