package replicaset

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubeling/kubeling/solutions/client/cache"
)

// terminating returns pod marked for deletion, as a newer version.
func terminating(pod *corev1.Pod) *corev1.Pod {
	cur := pod.DeepCopy()
	cur.ResourceVersion = "2"
	cur.DeletionTimestamp = new(metav1.NewTime(epoch))
	return cur
}

// scaledDownByOne returns a fixture whose ReplicaSet of 1 has just deleted
// the cheaper of its 2 pods, and that pod.
func scaledDownByOne(t *testing.T) (*fixture, string, *corev1.Pod) {
	rs := newRS("web", 1, webLabels)
	keep := readyAt(newPod("keep", webLabels, rs), epoch)
	victim := newPod("victim", webLabels, rs)
	f := newFixture(t, rs, keep, victim)
	require.NoError(t, f.sync(t, key(rs)))
	require.Len(t, f.actions("delete", "pods"), 1)
	require.False(t, f.rsc.expectations.SatisfiedExpectations(key(rs)))
	return f, key(rs), victim
}

// A pod's deletion is graceful: the apiserver first sets its
// deletionTimestamp and the pod lingers for its grace period (30 s by
// default). That update already counts as the deletion observed, so the
// ReplicaSet does not wait those 30 s to act again.
func TestPodMarkedForDeletionCountsAsDeleted(t *testing.T) {
	f, rsKey, victim := scaledDownByOne(t)

	f.rsc.updatePod(victim, terminating(victim))
	assert.True(t, f.rsc.expectations.SatisfiedExpectations(rsKey), "a pod marked for deletion should satisfy the deletion expected for it")
}

// After a relist the informer may first see a pod already terminating, as
// an add: that too is its deletion observed.
func TestTerminatingPodSeenAsAddCountsAsDeleted(t *testing.T) {
	f, rsKey, victim := scaledDownByOne(t)

	f.rsc.addPod(terminating(victim))
	assert.True(t, f.rsc.expectations.SatisfiedExpectations(rsKey), "an added pod already being deleted should count as a deletion, not a creation")
}

// A periodic resync delivers every object as an update with the same
// resourceVersion: nothing changed, and nothing may be counted.
func TestResyncUpdateChangesNothing(t *testing.T) {
	f, rsKey, victim := scaledDownByOne(t)

	stale := terminating(victim)
	stale.ResourceVersion = victim.ResourceVersion
	f.rsc.updatePod(victim, stale)
	assert.False(t, f.rsc.expectations.SatisfiedExpectations(rsKey), "an update with an unchanged resourceVersion was counted as an observed deletion")
}

// A pod whose controller reference names an older ReplicaSet of the same
// name (deleted and created again, with a new uid) is not this
// ReplicaSet's: its add must not count as one of this one's creations.
func TestPodOfReplacedReplicaSetIsNotCountedAsCreated(t *testing.T) {
	old := newRS("web", 1, webLabels)
	rs := old.DeepCopy()
	rs.UID = "web-uid-2"
	f := newFixture(t, rs)
	require.NoError(t, f.sync(t, key(rs)))
	require.False(t, f.rsc.expectations.SatisfiedExpectations(key(rs)))

	f.rsc.addPod(newPod("left-over", webLabels, old))
	assert.False(t, f.rsc.expectations.SatisfiedExpectations(key(rs)), "a pod of the old ReplicaSet (another uid) was counted as a creation of the new one")
}

// A ReplicaSet that is deleted takes its expectations with it: one created
// again under the same name must not inherit a wait for pods it never
// made. (The delete arrives here as a tombstone, as after a relist.)
func TestDeletedReplicaSetForgetsExpectations(t *testing.T) {
	rs := newRS("web", 3, webLabels)
	f := newFixture(t, rs)
	require.NoError(t, f.sync(t, key(rs)))
	require.False(t, f.rsc.expectations.SatisfiedExpectations(key(rs)))

	f.rsc.deleteReplicaSet(cache.DeletedFinalStateUnknown{Key: key(rs), Obj: rs})
	assert.True(t, f.rsc.expectations.SatisfiedExpectations(key(rs)), "a deleted ReplicaSet's expectations should be forgotten")
}
