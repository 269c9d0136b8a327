package replicaset

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	testingclock "k8s.io/utils/clock/testing"
)

// The classic double-create race: sync creates 3 pods, and the key is
// synced again (a ReplicaSet update, a resync) before the informer has
// delivered the pods' ADDED events. The cache still shows 0 pods; without
// expectations the second sync would create 3 more, and the ReplicaSet
// would briefly run 6. The second sync must create nothing, and once the
// 3 adds are observed the controller may act again.
func TestSyncDoesNotCreateAgainBeforeItsPodsAreObserved(t *testing.T) {
	rs := newRS("web", 3, webLabels)
	f := newFixture(t, rs)
	require.NoError(t, f.sync(t, key(rs)))
	require.Len(t, f.actions("create", "pods"), 3)

	// The informer has seen none of the 3 pods yet.
	require.NoError(t, f.sync(t, key(rs)))
	assert.Len(t, f.actions("create", "pods"), 3, "a second sync before the informer saw the 3 new pods created more: the ReplicaSet would run twice its replicas")
	assert.False(t, f.rsc.expectations.SatisfiedExpectations(key(rs)), "expectations should wait for the 3 creations to be observed")

	pods := createdPods(t, f)
	for i, pod := range pods {
		f.observe(t, pod)
		f.rsc.addPod(pod)
		satisfied := f.rsc.expectations.SatisfiedExpectations(key(rs))
		assert.Equal(t, i == len(pods)-1, satisfied, "after %d of 3 pod adds observed, expectations satisfied = %v", i+1, satisfied)
	}
	require.NoError(t, f.sync(t, key(rs)))
	assert.Len(t, f.actions("create", "pods"), 3, "once its 3 pods are in the cache, a ReplicaSet of 3 needs no more")
}

// Once the pods are observed, a pod that disappears is replaced at once:
// expectations hold the controller back only while its own writes are
// unobserved.
func TestSyncReplacesDeletedPodOnceExpectationsAreMet(t *testing.T) {
	rs := newRS("web", 3, webLabels)
	f := newFixture(t, rs)
	require.NoError(t, f.sync(t, key(rs)))
	pods := createdPods(t, f)
	for _, pod := range pods {
		f.observe(t, pod)
		f.rsc.addPod(pod)
	}

	gone := pods[0]
	require.NoError(t, f.factory.Pods().Informer().GetIndexer().Delete(gone))
	f.rsc.deletePodEvent(gone)
	require.NoError(t, f.sync(t, key(rs)))
	assert.Len(t, f.actions("create", "pods"), 4, "a pod deleted by someone else should be replaced by the next sync")
}

// A watch event can be lost for good (a create the apiserver accepted but
// that failed later). Expectations are trusted for ExpectationsTimeout (5
// minutes), not for ever: after that the controller acts on what it sees.
func TestExpectationsExpireAfterTimeout(t *testing.T) {
	rs := newRS("web", 3, webLabels)
	f := newFixture(t, rs)
	require.NoError(t, f.sync(t, key(rs)))

	f.clock.Step(ExpectationsTimeout)
	assert.False(t, f.rsc.expectations.SatisfiedExpectations(key(rs)), "expectations should still hold at exactly 5 minutes")
	f.clock.Step(time.Second)
	assert.True(t, f.rsc.expectations.SatisfiedExpectations(key(rs)), "expectations should expire after 5 minutes")
	require.NoError(t, f.sync(t, key(rs)))
	assert.Len(t, f.actions("create", "pods"), 6, "after the expectations expired, a cache still without pods should make the controller create again")
}

// Deletions are expected by pod: seeing the same pod deleted twice (marked
// for deletion, then gone) must count once, or a second, unobserved
// deletion would be taken as seen.
func TestDeletionExpectationsCountEachPodOnce(t *testing.T) {
	e := NewControllerExpectations(testingclock.NewFakeClock(epoch))
	e.ExpectDeletions("default/web", []string{"default/a", "default/b"})

	e.DeletionObserved("default/web", "default/a")
	e.DeletionObserved("default/web", "default/a")
	assert.False(t, e.SatisfiedExpectations("default/web"), "pod a seen deleted twice should not stand for pod b's deletion")
	e.DeletionObserved("default/web", "default/b")
	assert.True(t, e.SatisfiedExpectations("default/web"), "both deletions observed")
}
