package replicaset

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes"
	clienttesting "k8s.io/client-go/testing"

	"github.com/kubeling/kubeling/solutions/client/cache"
)

// A ReplicaSet scaled to 10 with a burst of 4 creates 4 pods per sync, so
// one huge ReplicaSet cannot hold a worker for thousands of requests.
func TestSyncCreatesAtMostBurstReplicas(t *testing.T) {
	rs := newRS("web", 10, webLabels)
	f := newFixtureFor(t, func(c kubernetes.Interface, factory *cache.SharedInformerFactory, opts Options) *ReplicaSetController {
		opts.BurstReplicas = 4
		return NewReplicaSetController(c, factory, opts)
	}, rs)

	require.NoError(t, f.sync(t, key(rs)))
	assert.Len(t, f.actions("create", "pods"), 4, "one sync should create at most BurstReplicas (4) pods")
}

// A ReplicaSet of 6 pods scaled to 0 with a burst of 4 deletes 4 pods in
// one sync, not 6: scaling down is capped like scaling up, so that a
// ReplicaSet of thousands scaled to zero does not flood the apiserver.
func TestSyncDeletesAtMostBurstReplicas(t *testing.T) {
	rs := newRS("web", 0, webLabels)
	objs := []runtime.Object{rs}
	for i := range 6 {
		objs = append(objs, newPod(fmt.Sprintf("web-%d", i), webLabels, rs))
	}
	f := newFixtureFor(t, func(c kubernetes.Interface, factory *cache.SharedInformerFactory, opts Options) *ReplicaSetController {
		opts.BurstReplicas = 4
		return NewReplicaSetController(c, factory, opts)
	}, objs...)

	require.NoError(t, f.sync(t, key(rs)))
	assert.Len(t, f.actions("delete", "pods"), 4, "scaling 6 pods to 0 with BurstReplicas 4 should delete 4 in this sync, the other 2 in the next")
}

// failDeletesOf makes the fake apiserver refuse to delete the pod name
// with err.
func failDeletesOf(f *fixture, name string, err error) {
	f.client.PrependReactor("delete", "pods", func(a clienttesting.Action) (bool, runtime.Object, error) {
		if a.(clienttesting.DeleteAction).GetName() != name {
			return false, nil, nil
		}
		return true, nil, err
	})
}

// A delete the apiserver refuses is an event (FailedDelete), a
// ReplicaFailure condition with reason FailedDelete, and an error that
// retries the key; the controller does not wait to observe a deletion
// that did not happen, only the one that did.
func TestSyncRecordsFailedDelete(t *testing.T) {
	rs := newRS("web", 1, webLabels)
	keep := readyAt(newPod("keep", webLabels, rs), epoch)
	a, b := newPod("a", webLabels, rs), newPod("b", webLabels, rs)
	f := newFixture(t, rs, keep, a, b)
	failDeletesOf(f, "a", apierrors.NewInternalError(errors.New("etcd unavailable")))

	assert.Error(t, f.sync(t, key(rs)), "a failed delete should fail the sync")
	var failed int
	for _, e := range f.events() {
		if strings.HasPrefix(e, corev1.EventTypeWarning+" FailedDelete Error deleting: ") {
			failed++
		}
	}
	assert.Equal(t, 1, failed, "the refused delete should record one FailedDelete event")
	stored, err := f.client.AppsV1().ReplicaSets("default").Get(t.Context(), "web", getOptions)
	require.NoError(t, err)
	assert.True(t, hasCondition(stored, appsv1.ReplicaSetReplicaFailure, "FailedDelete"), "status should carry ReplicaFailure, reason FailedDelete: %+v", stored.Status.Conditions)

	assert.False(t, f.rsc.expectations.SatisfiedExpectations(key(rs)), "the deletion of b, which succeeded, is still to be observed")
	f.rsc.deletePodEvent(b)
	assert.True(t, f.rsc.expectations.SatisfiedExpectations(key(rs)), "the refused deletion of a should not be waited for")
}

// A pod already gone when the controller deletes it is no failure: no
// event, no error, nothing to wait for.
func TestSyncTreatsPodAlreadyGoneAsDeleted(t *testing.T) {
	rs := newRS("web", 0, webLabels)
	gone := newPod("gone", webLabels, rs)
	f := newFixture(t, rs, gone)
	failDeletesOf(f, "gone", apierrors.NewNotFound(schema.GroupResource{Resource: "pods"}, "gone"))

	assert.NoError(t, f.sync(t, key(rs)), "deleting a pod that is already gone should not fail the sync")
	assert.Empty(t, f.events(), "a pod already gone should record no event")
	assert.True(t, f.rsc.expectations.SatisfiedExpectations(key(rs)), "a deletion that found no pod should not be waited for")
}

// A status write that loses a race (409 Conflict: someone changed the
// ReplicaSet since the cache saw it) is retried once from a fresh read,
// and succeeds without failing the sync.
func TestSyncRetriesStatusUpdateAfterConflict(t *testing.T) {
	rs := newRS("web", 0, webLabels)
	f := newFixture(t, rs)
	var tries atomic.Int32
	f.client.PrependReactor("update", "replicasets", func(a clienttesting.Action) (bool, runtime.Object, error) {
		if a.GetSubresource() == "status" && tries.Add(1) == 1 {
			return true, nil, apierrors.NewConflict(schema.GroupResource{Group: "apps", Resource: "replicasets"}, "web", errors.New("the object has been modified"))
		}
		return false, nil, nil
	})

	require.NoError(t, f.sync(t, key(rs)), "one conflict on the status write should be retried, not fail the sync")
	assert.Equal(t, int32(2), tries.Load(), "status writes tried")
	stored, err := f.client.AppsV1().ReplicaSets("default").Get(t.Context(), "web", metav1.GetOptions{})
	require.NoError(t, err)
	assert.Equal(t, int64(1), stored.Status.ObservedGeneration, "the retried write should have landed")
}

// A status write that conflicts because the ReplicaSet was deleted
// meanwhile (the conformance suite deletes ReplicaSets while their pods
// still change) finds it gone on the fresh read: the sync returns an
// error to requeue, and does not crash the controller manager.
func TestSyncStatusConflictOnDeletedReplicaSetIsAnError(t *testing.T) {
	rs := newRS("web", 0, webLabels)
	f := newFixture(t, rs)
	f.client.PrependReactor("update", "replicasets", func(a clienttesting.Action) (bool, runtime.Object, error) {
		if a.GetSubresource() == "status" {
			return true, nil, apierrors.NewConflict(schema.GroupResource{Group: "apps", Resource: "replicasets"}, "web", errors.New("the object has been modified"))
		}
		return false, nil, nil
	})
	f.client.PrependReactor("get", "replicasets", func(clienttesting.Action) (bool, runtime.Object, error) {
		return true, nil, apierrors.NewNotFound(schema.GroupResource{Group: "apps", Resource: "replicasets"}, "web")
	})

	err := f.sync(t, key(rs))
	require.Error(t, err, "a status write that cannot land should requeue the key")
	assert.Contains(t, err.Error(), "reading default/web to update its status")
}
