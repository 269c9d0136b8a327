package replicaset

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	clienttesting "k8s.io/client-go/testing"

	"github.com/kubeling/kubeling/solutions/controller"
)

// statusUpdates returns the ReplicaSets written through the status
// subresource, and fails the test on any other ReplicaSet write.
func statusUpdates(t *testing.T, f *fixture) []*appsv1.ReplicaSet {
	var out []*appsv1.ReplicaSet
	for _, a := range f.actions("update", "replicasets") {
		if !assert.Equal(t, "status", a.GetSubresource(), "the ReplicaSet was updated outside its status subresource") {
			continue
		}
		out = append(out, a.(clienttesting.UpdateAction).GetObject().(*appsv1.ReplicaSet))
	}
	return out
}

// statusFixture is a ReplicaSet of 4 (generation 3, minReadySeconds 30,
// a template with one label more than the selector) and its 4 pods: one
// ready for a minute, one ready for 10 s, one not ready, and one missing
// the template's extra label.
func statusFixture(t *testing.T) (*fixture, *appsv1.ReplicaSet) {
	rs := newRS("web", 4, webLabels)
	rs.Generation = 3
	rs.Spec.MinReadySeconds = 30
	rs.Spec.Template.Labels = map[string]string{"app": "web", "tier": "front"}
	full := rs.Spec.Template.Labels
	return newFixture(t, rs,
		readyAt(newPod("ready-1m", full, rs), epoch.Add(-time.Minute)),
		readyAt(newPod("ready-10s", full, rs), epoch.Add(-10*time.Second)),
		newPod("not-ready", full, rs),
		newPod("partly-labelled", webLabels, rs),
	), rs
}

// Status counts what the ReplicaSet controls: 4 replicas, 3 carrying all
// the template's labels, 2 ready, 1 of them ready for minReadySeconds
// (30 s), for generation 3 of the spec; and it is written through the
// status subresource, so a status write can never change the spec.
func TestSyncWritesStatusThroughSubresource(t *testing.T) {
	f, rs := statusFixture(t)

	require.NoError(t, f.sync(t, key(rs)))

	updates := statusUpdates(t, f)
	require.Len(t, updates, 1, "a changed status should be written once")
	assert.Equal(t, appsv1.ReplicaSetStatus{
		Replicas: 4, FullyLabeledReplicas: 3, ReadyReplicas: 2, AvailableReplicas: 1, ObservedGeneration: 3,
	}, updates[0].Status, "status of a ReplicaSet with 4 pods: 3 fully labelled, 2 ready, 1 ready for over 30 s, generation 3")
}

// An idle ReplicaSet must cost the apiserver nothing: once its status is
// right, syncs write nothing, until something it counts changes (here the
// second pod passing its 30 s).
func TestSyncWritesStatusOnlyWhenItChanged(t *testing.T) {
	f, rs := statusFixture(t)
	require.NoError(t, f.sync(t, key(rs)))
	require.Len(t, statusUpdates(t, f), 1)
	f.observe(t, statusUpdates(t, f)[0]) // the informer sees the new status

	require.NoError(t, f.sync(t, key(rs)))
	assert.Len(t, statusUpdates(t, f), 1, "a sync that changed nothing wrote the status again")

	f.clock.Step(21 * time.Second) // ready-10s has been ready for 31 s
	require.NoError(t, f.sync(t, key(rs)))
	updates := statusUpdates(t, f)
	require.Len(t, updates, 2, "a pod becoming available should be written")
	assert.Equal(t, int32(2), updates[1].Status.AvailableReplicas, "availableReplicas once the second ready pod passed minReadySeconds")
}

// When every pod is ready but some not yet for minReadySeconds, no event
// will come when they become available: the sync asks to be called again
// just after minReadySeconds (a second later: at exactly 30 s the pod is
// not yet available, and the next look would be 30 s later still).
func TestSyncRequeuesUntilReadyPodsAreAvailable(t *testing.T) {
	rs := newRS("web", 2, webLabels)
	rs.Spec.MinReadySeconds = 30
	f := newFixture(t, rs,
		readyAt(newPod("a", webLabels, rs), epoch.Add(-10*time.Second)),
		readyAt(newPod("b", webLabels, rs), epoch.Add(-time.Hour)),
	)

	err := f.sync(t, key(rs))
	var later *controller.RequeueAfterError
	require.ErrorAs(t, err, &later, "with a pod ready but not yet available, sync should ask to look again")
	assert.Equal(t, 31*time.Second, later.After, "look again just after minReadySeconds (30 s and a second), when the pod will be available")
}

// A spec change (generation 2) is reported as observed even when the pod
// counts do not change, so that `kubectl rollout status` and the
// Deployment controller know the controller has seen it.
func TestSyncWritesObservedGenerationOnSpecChange(t *testing.T) {
	rs := newRS("web", 1, webLabels)
	pod := newPod("a", webLabels, rs)
	rs.Status = appsv1.ReplicaSetStatus{Replicas: 1, FullyLabeledReplicas: 1, ObservedGeneration: 1}
	f := newFixture(t, rs, pod)
	require.NoError(t, f.sync(t, key(rs)))
	require.Empty(t, statusUpdates(t, f), "status was already right")

	rs = rs.DeepCopy()
	rs.Generation = 2
	f.observe(t, rs)
	require.NoError(t, f.client.Tracker().Update(appsGVR("replicasets"), rs, "default"))
	require.NoError(t, f.sync(t, key(rs)))
	updates := statusUpdates(t, f)
	require.Len(t, updates, 1, "a new generation should be written as observed")
	assert.Equal(t, int64(2), updates[0].Status.ObservedGeneration)
}
