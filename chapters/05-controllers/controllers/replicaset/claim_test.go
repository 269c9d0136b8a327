package replicaset

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	clienttesting "k8s.io/client-go/testing"
)

// patches returns the pod patches sent, by pod name.
func patches(t *testing.T, f *fixture) map[string]clienttesting.PatchAction {
	out := map[string]clienttesting.PatchAction{}
	for _, a := range f.actions("patch", "pods") {
		p := a.(clienttesting.PatchAction)
		assert.Equal(t, types.StrategicMergePatchType, p.GetPatchType(), "pod %s: ownerReferences should be patched with a strategic merge patch (merged by uid)", p.GetName())
		out[p.GetName()] = p
	}
	return out
}

// storedPod reads a pod back from the fake apiserver.
func storedPod(t *testing.T, f *fixture, name string) *corev1.Pod {
	t.Helper()
	pod, err := f.client.CoreV1().Pods("default").Get(t.Context(), name, getOptions)
	require.NoError(t, err)
	return pod
}

// patchGuardUID is the metadata.uid a patch carries, so that it fails on
// a new pod that took the old one's name.
func patchGuardUID(t *testing.T, p clienttesting.PatchAction) types.UID {
	var body struct {
		Metadata struct {
			UID types.UID `json:"uid"`
		} `json:"metadata"`
	}
	require.NoError(t, json.Unmarshal(p.GetPatch(), &body))
	return body.Metadata.UID
}

// One sync settles ownership: a matching orphan is adopted (patched to
// name the ReplicaSet as controller), a pod it controls whose labels no
// longer match is released (its reference patched out, so it lives on,
// unmanaged, as `kubectl label pod ... app-` is meant to do), and a
// matching pod controlled by another ReplicaSet is not touched. Only the
// adopted pod counts as a replica.
func TestSyncAdoptsOrphansReleasesStraysAndLeavesOthersAlone(t *testing.T) {
	rs := newRS("web", 1, webLabels)
	other := newRS("other", 1, webLabels)
	orphan := newPod("orphan", webLabels, nil)
	stray := newPod("stray", map[string]string{"app": "debug"}, rs)
	foreign := newPod("foreign", webLabels, other)
	f := newFixture(t, rs, other, orphan, stray, foreign)

	require.NoError(t, f.sync(t, key(rs)))

	sent := patches(t, f)
	assert.NotContains(t, sent, "foreign", "a pod controlled by another ReplicaSet must never be patched")
	if assert.Contains(t, sent, "orphan", "a matching orphan should be adopted") {
		assert.Equal(t, orphan.UID, patchGuardUID(t, sent["orphan"]), "the adoption patch should carry the pod's uid as a guard")
		ref := metav1.GetControllerOf(storedPod(t, f, "orphan"))
		if assert.NotNil(t, ref, "the adopted pod has no controller ownerReference") {
			assert.Equal(t, rs.UID, ref.UID, "the adopted pod's controller should be the ReplicaSet")
			assert.Equal(t, new(true), ref.BlockOwnerDeletion, "an adopted pod should block its owner's foreground deletion, as a created one does")
		}
	}
	if assert.Contains(t, sent, "stray", "a controlled pod whose labels stopped matching should be released") {
		assert.Equal(t, stray.UID, patchGuardUID(t, sent["stray"]), "the release patch should carry the pod's uid as a guard")
		assert.Empty(t, storedPod(t, f, "stray").OwnerReferences, "the released pod should no longer name the ReplicaSet")
	}
	assert.Empty(t, f.actions("create", "pods"), "the adopted orphan is the 1 replica wanted: nothing to create")
	assert.Empty(t, f.actions("delete", "pods"), "claiming should never delete")
	stored, err := f.client.AppsV1().ReplicaSets("default").Get(t.Context(), "web", getOptions)
	require.NoError(t, err)
	assert.Equal(t, int32(1), stored.Status.Replicas, "status.replicas should count the adopted pod only")
}

// The cache may still show a ReplicaSet that the apiserver has replaced
// (deleted and created again under the same name, with a new uid).
// Adopting into the old one would hand the pod to the garbage collector,
// so adoption asks the apiserver first and adopts nothing when the uid
// differs.
func TestSyncDoesNotAdoptIntoReplicaSetThatIsGone(t *testing.T) {
	rs := newRS("web", 1, webLabels)
	orphan := newPod("orphan", webLabels, nil)
	f := newFixture(t, rs, orphan)
	replaced := rs.DeepCopy()
	replaced.UID = "web-uid-2"
	require.NoError(t, f.client.Tracker().Update(appsGVR("replicasets"), replaced, "default"))

	assert.Error(t, f.sync(t, key(rs)), "a failed adoption should fail the sync, to retry")
	assert.Empty(t, f.actions("patch", "pods"), "an orphan was adopted into a ReplicaSet the apiserver no longer has")
}

// A ReplicaSet being deleted adopts nothing and makes no pods: its pods
// are the garbage collector's now.
func TestSyncOfDeletedReplicaSetDoesNothingToPods(t *testing.T) {
	rs := newRS("web", 3, webLabels)
	rs.DeletionTimestamp = new(metav1.NewTime(epoch))
	rs.Finalizers = []string{"foregroundDeletion"}
	orphan := newPod("orphan", webLabels, nil)
	f := newFixture(t, rs, orphan)

	require.NoError(t, f.sync(t, key(rs)))
	assert.Empty(t, f.actions("patch", "pods"), "a ReplicaSet being deleted should not adopt")
	assert.Empty(t, f.actions("create", "pods"), "a ReplicaSet being deleted should not create pods")
}
