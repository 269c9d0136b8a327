package replicaset

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// A ReplicaSet of 3 with no pods gets 3 pods from one sync, each made from
// the template (its labels, so the selector finds them), named by the
// apiserver from generateName "<rs>-", and owned by the ReplicaSet as its
// controller (so it, and the garbage collector, know whose they are).
// `kubectl describe rs` then shows one SuccessfulCreate event per pod.
func TestSyncCreatesMissingPodsFromTemplate(t *testing.T) {
	rs := newRS("web", 3, webLabels)
	f := newFixture(t, rs)

	require.NoError(t, f.sync(t, key(rs)))

	creates := f.actions("create", "pods")
	require.Len(t, creates, 3, "a ReplicaSet of 3 with no pods should create 3 pods in one sync")
	pods := f.pods(t)
	require.Len(t, pods, 3)
	var want []string
	for _, pod := range pods {
		assert.Equal(t, "web-", pod.GenerateName, "pod %s: generateName should be the ReplicaSet's name and a dash", pod.Name)
		assert.Equal(t, webLabels, pod.Labels, "pod %s: labels should be the template's", pod.Name)
		assert.Equal(t, rs.Spec.Template.Spec.Containers, pod.Spec.Containers, "pod %s: spec should be the template's", pod.Name)
		ref := metav1.GetControllerOf(&pod)
		if assert.NotNil(t, ref, "pod %s has no controller ownerReference", pod.Name) {
			assert.Equal(t, metav1.OwnerReference{
				APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "web", UID: rs.UID,
				Controller: new(true), BlockOwnerDeletion: new(true),
			}, *ref, "pod %s: ownerReference should name the ReplicaSet as controller", pod.Name)
		}
		want = append(want, corev1.EventTypeNormal+" SuccessfulCreate Created pod: "+pod.Name)
	}
	assert.ElementsMatch(t, want, f.events(), "one SuccessfulCreate event per pod, worded as Kubernetes does")
}

// A template without labels would make pods no selector can find: the
// controller would create them for ever. It refuses instead.
func TestSyncRefusesTemplateWithoutLabels(t *testing.T) {
	rs := newRS("web", 1, webLabels)
	rs.Spec.Template.Labels = nil
	f := newFixture(t, rs)

	assert.Error(t, f.sync(t, key(rs)), "a template without labels should fail the sync")
	assert.Empty(t, f.actions("create", "pods"), "no pod should be created from a template without labels")
}
