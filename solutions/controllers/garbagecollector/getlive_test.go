package garbagecollector

import (
	"errors"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"
	clienttesting "k8s.io/client-go/testing"
)

// An apiserver that fails a GET (a 500, a timeout) has not said the owner
// is gone: the collector must retry, not delete. The graph here has not
// seen the ReplicaSet, so only the GET stands between its pod and a
// DELETE; taking every error for "absent" would delete the pods of a live
// ReplicaSet each time the apiserver hiccups.
func TestFailedOwnerGetIsNotAbsence(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startCollectorHooked(t, func(c *clienttesting.Fake, _ clienttesting.ObjectTracker) {
			blindReplicaSetInformer(c)
			c.PrependReactor("get", "replicasets", func(clienttesting.Action) (bool, runtime.Object, error) {
				return true, nil, apierrors.NewInternalError(errors.New("etcd is not answering"))
			})
		}, replicaSet("web", "uid-rs"), pod("web-1", controlledBy("web", "uid-rs")))
		defer r.stop()
		assert.NotNil(t, r.get(t, podGVR, "web-1"), "a pod was deleted because a GET of its owner failed (500), though the owner exists")
		assert.Empty(t, r.writes(), "nothing should be written while the owner's fate is unknown")
	})
}
