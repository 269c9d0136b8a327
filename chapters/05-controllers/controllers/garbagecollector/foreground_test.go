package garbagecollector

import (
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
)

// Only a dependent with blockOwnerDeletion: true holds a foreground
// deletion. A pod that names the ReplicaSet without blocking it, and is
// itself held terminating by a finalizer of its own, must not keep the
// ReplicaSet waiting: its finalizer may never be removed, and the
// ReplicaSet would then never go.
func TestForegroundDoesNotWaitForANonBlockingDependent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ref := controlledBy("web", "uid-rs")
		ref.BlockOwnerDeletion = ptr.To(false)
		held := pod("held", ref)
		held.Finalizers = []string{"example.com/hold"}
		held.DeletionTimestamp = ptr.To(metav1.Now())
		r := startCollector(t, replicaSet("web", "uid-rs", metav1.FinalizerDeleteDependents), held)
		defer r.stop()
		assert.Empty(t, r.get(t, rsGVR, "web").Finalizers,
			"the ReplicaSet waits for a pod whose reference does not block it (blockOwnerDeletion false)")
	})
}
