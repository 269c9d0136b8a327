package replicaset

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	clienttesting "k8s.io/client-go/testing"
	"k8s.io/utils/ptr"
)

func newRC(name string, replicas int32) *corev1.ReplicationController {
	return &corev1.ReplicationController{
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name, UID: "rc-uid", Generation: 1},
		Spec: corev1.ReplicationControllerSpec{
			Replicas: ptr.To(replicas),
			Selector: webLabels,
			Template: &corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: webLabels},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "web", Image: "nginx"}}},
			},
		},
	}
}

// The ReplicationController manager is the ReplicaSet code seen through
// an adapter: an RC of 2 gets 2 pods owned by the RC (core/v1
// ReplicationController, not apps/v1 ReplicaSet), waits for them like a
// ReplicaSet does, and its status is written to the RC's own status
// subresource.
func TestReplicationManagerKeepsReplicasOfRC(t *testing.T) {
	rc := newRC("web", 2)
	f := newFixtureFor(t, NewReplicationManager, rc)

	require.NoError(t, f.sync(t, key(rc)))
	pods := createdPods(t, f)
	require.Len(t, pods, 2, "an RC of 2 with no pods should create 2")
	for _, pod := range pods {
		ref := metav1.GetControllerOf(pod)
		if assert.NotNil(t, ref, "pod %s has no controller ownerReference", pod.Name) {
			assert.Equal(t, "v1", ref.APIVersion, "pod %s: an RC's pods are owned by a core/v1 object", pod.Name)
			assert.Equal(t, "ReplicationController", ref.Kind, "pod %s: owner kind", pod.Name)
			assert.Equal(t, rc.UID, ref.UID, "pod %s: owner uid", pod.Name)
		}
		assert.Equal(t, "web-", pod.GenerateName)
	}
	assert.Len(t, f.events(), 2, "one SuccessfulCreate event per pod")

	for _, pod := range pods {
		f.observe(t, pod)
		f.rsc.addPod(pod)
	}
	assert.True(t, f.rsc.expectations.SatisfiedExpectations(key(rc)), "the RC's pod adds, once observed, should satisfy its expectations")
	require.NoError(t, f.sync(t, key(rc)))
	assert.Len(t, f.actions("create", "pods"), 2, "an RC with its 2 pods should create no more")

	var last *corev1.ReplicationController
	for _, a := range f.actions("update", "replicationcontrollers") {
		require.Equal(t, "status", a.GetSubresource(), "the RC was updated outside its status subresource")
		last = a.(clienttesting.UpdateAction).GetObject().(*corev1.ReplicationController)
	}
	require.NotNil(t, last, "the RC's status was never written")
	assert.Equal(t, int32(2), last.Status.Replicas, "the RC's status.replicas")
	assert.Equal(t, int64(1), last.Status.ObservedGeneration, "the RC's status.observedGeneration")
	assert.Equal(t, webLabels, last.Spec.Selector, "the RC written back should keep its selector")
}

// What the adapter converts must come back unchanged: an RC turned into
// the ReplicaSet view and back is the same RC.
func TestReplicationControllerViewRoundTrips(t *testing.T) {
	rc := newRC("web", 3)
	rc.Spec.MinReadySeconds = 10
	rc.Status = corev1.ReplicationControllerStatus{
		Replicas: 3, FullyLabeledReplicas: 3, ReadyReplicas: 2, AvailableReplicas: 1, ObservedGeneration: 1,
		Conditions: []corev1.ReplicationControllerCondition{{
			Type: corev1.ReplicationControllerReplicaFailure, Status: corev1.ConditionTrue,
			LastTransitionTime: metav1.NewTime(epoch.Add(-time.Minute)), Reason: "FailedCreate", Message: "quota",
		}},
	}
	assert.Equal(t, rc, rcFromReplicaSet(replicaSetFromRC(rc)), "an RC converted to the ReplicaSet view and back changed")
}
