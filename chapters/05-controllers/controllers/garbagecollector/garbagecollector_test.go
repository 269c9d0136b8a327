package garbagecollector

import (
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
	clienttesting "k8s.io/client-go/testing"
	"k8s.io/utils/ptr"
)

// Background deletion, `kubectl delete rs web`: the ReplicaSet is gone at
// once and the collector then deletes its 3 pods, each with its uid as a
// precondition (so a new pod of the same name is never hit) and in the
// background. While the ReplicaSet exists, nothing is deleted.
func TestDeletedReplicaSetsPodsAreDeleted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ref := controlledBy("web", "uid-rs")
		r := startCollector(t, replicaSet("web", "uid-rs"), pod("web-1", ref), pod("web-2", ref), pod("web-3", ref))
		defer r.stop()
		require.Empty(t, r.writes(), "the collector deleted or patched something while every owner existed")

		r.remove(t, rsGVR, "web")
		settle()
		for _, name := range []string{"web-1", "web-2", "web-3"} {
			assert.Nil(t, r.get(t, podGVR, name), "pod %s of a deleted ReplicaSet was not deleted", name)
			opts := r.deleteOptions(name)
			require.NotNil(t, opts, "no DELETE of %s", name)
			assert.Equal(t, types.UID("uid-"+name), *opts.Preconditions.UID, "the DELETE of %s must name its uid", name)
			assert.Equal(t, metav1.DeletePropagationBackground, *opts.PropagationPolicy)
		}
	})
}

// Orphan deletion, `kubectl delete rs web --cascade=orphan`: the
// apiserver leaves the ReplicaSet marked with the "orphan" finalizer; the
// collector removes its reference from every pod, then the finalizer. The
// pods stay, owned by nobody.
func TestOrphanKeepsPodsWithoutTheirReference(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ref := controlledBy("web", "uid-rs")
		r := startCollector(t, replicaSet("web", "uid-rs", metav1.FinalizerOrphanDependents), pod("web-1", ref), pod("web-2", ref))
		defer r.stop()
		for _, name := range []string{"web-1", "web-2"} {
			p := r.get(t, podGVR, name)
			require.NotNil(t, p, "pod %s was deleted although its owner was deleted with --cascade=orphan", name)
			assert.Empty(t, p.OwnerReferences, "pod %s still names the orphaning ReplicaSet", name)
		}
		rs := r.get(t, rsGVR, "web")
		require.NotNil(t, rs)
		assert.Empty(t, rs.Finalizers, "the orphan finalizer should be removed once the pods are orphaned")
		assert.Equal(t, "patch replicasets web", r.writes()[len(r.writes())-1], "the finalizer goes last, after the pods")
	})
}

// Foreground deletion, `kubectl delete rs web --cascade=foreground`: the
// ReplicaSet stays marked "foregroundDeletion" while a pod that blocks it
// remains, even one already terminating (a pod on a node takes its grace
// period to go); the collector deletes the pods first and removes the
// finalizer only once they are gone, so whoever waits for the ReplicaSet
// to go knows its pods went.
func TestForegroundDeletesPodsFirstAndTheOwnerLast(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ref := controlledBy("web", "uid-rs")
		r := startCollectorHooked(t, podsTerminateGracefully,
			replicaSet("web", "uid-rs", metav1.FinalizerDeleteDependents), pod("web-1", ref), pod("web-2", ref))
		defer r.stop()
		for _, name := range []string{"web-1", "web-2"} {
			p := r.get(t, podGVR, name)
			require.NotNil(t, p)
			assert.NotNil(t, p.DeletionTimestamp, "blocking pod %s of a foreground deletion was not deleted", name)
		}
		rs := r.get(t, rsGVR, "web")
		require.NotNil(t, rs)
		assert.Equal(t, []string{metav1.FinalizerDeleteDependents}, rs.Finalizers,
			"the ReplicaSet was let go while its pods were still terminating")

		r.remove(t, podGVR, "web-1") // their kubelets' final deletes
		r.remove(t, podGVR, "web-2")
		settle()
		assert.Empty(t, r.get(t, rsGVR, "web").Finalizers, "foregroundDeletion should be removed once no blocking pod is left")
		writes := r.writes()
		require.Len(t, writes, 3, "two pod deletes, then one patch of the ReplicaSet: %v", writes)
		assert.ElementsMatch(t, []string{"delete pods web-1", "delete pods web-2"}, writes[:2], "the pods go first")
		assert.Equal(t, "patch replicasets web", writes[2], "the ReplicaSet's finalizer goes last")
	})
}

// podsTerminateGracefully makes a DELETE of a pod only mark it, as the
// apiserver does for a pod running on a node.
func podsTerminateGracefully(c *clienttesting.Fake, tracker clienttesting.ObjectTracker) {
	c.PrependReactor("delete", "pods", func(a clienttesting.Action) (bool, runtime.Object, error) {
		obj, err := tracker.Get(podGVR, a.GetNamespace(), a.(clienttesting.DeleteAction).GetName())
		if err != nil {
			return true, nil, err
		}
		p := obj.(*metav1.PartialObjectMetadata)
		p.DeletionTimestamp = ptr.To(metav1.Now())
		return true, nil, tracker.Update(podGVR, p, a.GetNamespace())
	})
}

// A pod with two owners loses only the deleted one's reference: one owner
// left is reason enough to live, and the other's reference stays intact.
func TestPodWithTwoOwnersLosesOnlyTheDeletedOne(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a, b := controlledBy("a", "uid-a"), controlledBy("b", "uid-b")
		b.Controller = nil
		r := startCollector(t, replicaSet("a", "uid-a"), replicaSet("b", "uid-b"), pod("shared", a, b))
		defer r.stop()
		r.remove(t, rsGVR, "a")
		settle()
		p := r.get(t, podGVR, "shared")
		require.NotNil(t, p, "a pod with an owner left was deleted")
		assert.Equal(t, []metav1.OwnerReference{b}, p.OwnerReferences, "only the deleted owner's reference should go")
	})
}

// An owner deleted and made again under the same name is another object:
// its new uid does not protect the old one's pod, which is deleted.
func TestOwnerWithANewUIDDoesNotProtect(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startCollector(t, replicaSet("web", "uid-new"), pod("web-1", controlledBy("web", "uid-old")))
		defer r.stop()
		assert.Nil(t, r.get(t, podGVR, "web-1"), "a pod whose owner's uid is gone survived because a new owner has its name")
	})
}

// A cache that lags: the graph has not seen the ReplicaSet (its informer
// lists nothing and its watch is silent) but the apiserver has it. The
// collector asks the apiserver before it acts, so nothing is deleted or
// patched. Deleting on the cache's word would wipe every pod at startup.
func TestLaggingCacheDeletesNothing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startCollectorWithBlindReplicaSetInformer(t, replicaSet("web", "uid-rs"), pod("web-1", controlledBy("web", "uid-rs")))
		defer r.stop()
		assert.NotNil(t, r.get(t, podGVR, "web-1"), "a pod whose owner exists was deleted because the cache had not seen the owner")
		assert.Empty(t, r.writes(), "nothing should be written while every owner exists")
		assert.True(t, gotOwner(r), "the collector should have asked the apiserver for the owner")
	})
}

func startCollectorWithBlindReplicaSetInformer(t *testing.T, objs ...runtime.Object) *running {
	return startCollectorHooked(t, func(c *clienttesting.Fake, _ clienttesting.ObjectTracker) {
		blindReplicaSetInformer(c)
	}, objs...)
}

// blindReplicaSetInformer makes the ReplicaSet informer list nothing and
// watch a silent stream, while GETs still find what is stored.
func blindReplicaSetInformer(c *clienttesting.Fake) {
	c.PrependReactor("list", "replicasets", func(clienttesting.Action) (bool, runtime.Object, error) {
		return true, &metav1.List{}, nil
	})
	c.PrependWatchReactor("replicasets", func(clienttesting.Action) (bool, watch.Interface, error) {
		return true, watch.NewFake(), nil
	})
}

func gotOwner(r *running) bool {
	for _, a := range r.client.Actions() {
		if a.GetVerb() == "get" && a.GetResource() == rsGVR {
			return true
		}
	}
	return false
}
