package garbagecollector

import (
	"errors"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	clienttesting "k8s.io/client-go/testing"
)

// A dependent whose patch fails (a 409: someone changed it meanwhile) is
// orphaned on a retry, and the "orphan" finalizer goes only after it.
// Removing the finalizer regardless would let the ReplicaSet go while
// web-1 still names it, and the collector would then delete web-1 as
// garbage: the one pod --cascade=orphan promised to keep.
func TestOrphanRetriesAFailedPatchBeforeTheFinalizer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ref := controlledBy("web", "uid-rs")
		r := startCollectorHooked(t, failFirstPatchOf("web-1"),
			replicaSet("web", "uid-rs", metav1.FinalizerOrphanDependents), pod("web-1", ref), pod("web-2", ref))
		defer r.stop()
		for _, name := range []string{"web-1", "web-2"} {
			p := r.get(t, podGVR, name)
			require.NotNil(t, p, "pod %s was deleted although its owner was deleted with --cascade=orphan", name)
			assert.Empty(t, p.OwnerReferences, "pod %s still names the orphaning ReplicaSet after its patch failed once", name)
		}
		assert.Empty(t, r.get(t, rsGVR, "web").Finalizers, "the orphan finalizer should be removed once the pods are orphaned")
		assert.Equal(t, "patch replicasets web", r.writes()[len(r.writes())-1],
			"the finalizer was removed before every pod was orphaned")
	})
}

// failFirstPatchOf answers the first PATCH of the pod name with a 409.
func failFirstPatchOf(name string) func(*clienttesting.Fake, clienttesting.ObjectTracker) {
	return func(c *clienttesting.Fake, _ clienttesting.ObjectTracker) {
		failed := false
		c.PrependReactor("patch", "pods", func(a clienttesting.Action) (bool, runtime.Object, error) {
			if failed || a.(clienttesting.PatchAction).GetName() != name {
				return false, nil, nil
			}
			failed = true
			return true, nil, apierrors.NewConflict(schema.GroupResource{Resource: "pods"}, name, errors.New("the object has been modified"))
		})
	}
}
