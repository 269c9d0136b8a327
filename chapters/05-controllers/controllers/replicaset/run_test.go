package replicaset

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes/fake"
	clienttesting "k8s.io/client-go/testing"

	"github.com/kubeling/kubeling/solutions/client/cache"
)

// runningController is a controller run with 2 workers over started informers and a
// fake apiserver, inside a synctest bubble: synctest.Wait returns when
// every goroutine (watches, handlers, workers) is idle, so "the
// controller has done all it will do" needs no wall-clock sleep.
type runningController struct {
	client *fake.Clientset
	stop   func()
}

func runController(t *testing.T) *runningController {
	return runControllerFor(t, NewReplicaSetController)
}

func runControllerFor(t *testing.T, newController newControllerFunc) *runningController {
	client := fake.NewClientset()
	nameCreatedPods(client)
	versionWrites(client)
	factory := cache.NewSharedInformerFactory(client, cache.FactoryOptions{Logger: quiet})
	// No Recorder: events go to the fake apiserver, as in a real cluster.
	rsc := newController(client, factory, Options{Logger: quiet})
	ctx, cancel := context.WithCancel(context.Background())
	factory.Start(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { assert.NoError(t, rsc.Run(ctx, 2)) })
	require.True(t, factory.WaitForCacheSync(ctx), "informers did not sync")
	settle() // the watches are open: the fake apiserver drops events sent before
	return &runningController{client: client, stop: func() {
		cancel()
		wg.Wait()
		factory.Shutdown()
	}}
}

// versionWrites makes the fake apiserver stamp every created or updated
// object with a new resourceVersion, as the real one does (the fake keeps
// versions to itself): without it every update would look like a resync.
func versionWrites(client *fake.Clientset) {
	var version atomic.Int64
	client.PrependReactor("*", "*", func(action clienttesting.Action) (bool, runtime.Object, error) {
		if write, ok := action.(interface{ GetObject() runtime.Object }); ok && (action.GetVerb() == "create" || action.GetVerb() == "update") {
			if m, err := meta.Accessor(write.GetObject()); err == nil {
				m.SetResourceVersion(strconv.FormatInt(version.Add(1), 10))
			}
		}
		return false, nil, nil
	})
}

// settle lets the bubble's time pass (the controller polls its caches'
// sync) and returns when every goroutine is idle. The time is synctest's,
// not the wall clock's.
func settle() {
	time.Sleep(time.Second)
	synctest.Wait()
}

func (r *runningController) podCount(t *testing.T) int {
	list, err := r.client.CoreV1().Pods("default").List(t.Context(), metav1.ListOptions{})
	require.NoError(t, err)
	return len(list.Items)
}

// The whole loop, through the informers: a ReplicaSet of 3 created in the
// apiserver gets exactly 3 pods and a status that counts them, a pod
// deleted by a user is replaced by one, not more, and the events reach the
// apiserver as the replicaset-controller's. This proves the wiring:
// the handlers turn watch events into keys and into observed
// expectations (without them the replacement would wait 5 minutes). The
// double-create race itself is too timing-dependent to show here; see
// TestSyncDoesNotCreateAgainBeforeItsPodsAreObserved.
func TestRunKeepsThreePodsThroughTheInformers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := runController(t)
		defer r.stop()

		_, err := r.client.AppsV1().ReplicaSets("default").Create(t.Context(), newRS("web", 3, webLabels), metav1.CreateOptions{})
		require.NoError(t, err)
		settle()
		require.Equal(t, 3, r.podCount(t), "a ReplicaSet of 3 should end with exactly 3 pods")
		rs, err := r.client.AppsV1().ReplicaSets("default").Get(t.Context(), "web", metav1.GetOptions{})
		require.NoError(t, err)
		assert.Equal(t, int32(3), rs.Status.Replicas, "status.replicas once the informer saw the 3 pods")

		pods, err := r.client.CoreV1().Pods("default").List(t.Context(), metav1.ListOptions{})
		require.NoError(t, err)
		require.NoError(t, r.client.CoreV1().Pods("default").Delete(t.Context(), pods.Items[0].Name, metav1.DeleteOptions{}))
		settle()
		assert.Equal(t, 3, r.podCount(t), "a deleted pod should be replaced by exactly one")

		events, err := r.client.CoreV1().Events("default").List(t.Context(), metav1.ListOptions{})
		require.NoError(t, err)
		// Only some of the 4 SuccessfulCreate events can be counted: an
		// event's name is its object's and the time, and time stands still
		// in the bubble, so events of one instant collide in the fake.
		var created int32
		for _, e := range events.Items {
			assert.Equal(t, "replicaset-controller", e.Source.Component, "event %q should come from the replicaset-controller", e.Message)
			assert.Equal(t, "ReplicaSet", e.InvolvedObject.Kind, "event %q should be about the ReplicaSet", e.Message)
			if e.Reason == SuccessfulCreateReason {
				created += e.Count
			}
		}
		assert.NotZero(t, created, "no SuccessfulCreate event reached the apiserver")
	})
}

// No watch event says "this pod has now been ready for minReadySeconds":
// the controller must look again by itself. A ReplicaSet with
// minReadySeconds 10 whose pod turns ready reports it available once 10
// seconds (of the bubble's clock) have passed, and not before. Looking
// again at exactly 10 s, as the sync once did, found the pod not yet
// available (it must be ready for more than 10 s) and the next look came
// 10 s later: the pod was reported available after 20 s.
func TestRunReportsAvailableAfterMinReadySeconds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := runController(t)
		defer r.stop()
		rs := newRS("web", 1, webLabels)
		rs.Spec.MinReadySeconds = 10
		_, err := r.client.AppsV1().ReplicaSets("default").Create(t.Context(), rs, metav1.CreateOptions{})
		require.NoError(t, err)
		settle()

		pods, err := r.client.CoreV1().Pods("default").List(t.Context(), metav1.ListOptions{})
		require.NoError(t, err)
		require.Len(t, pods.Items, 1)
		pod := readyAt(&pods.Items[0], time.Now())
		_, err = r.client.CoreV1().Pods("default").UpdateStatus(t.Context(), pod, metav1.UpdateOptions{})
		require.NoError(t, err)
		synctest.Wait()
		assert.Equal(t, int32(1), r.status(t).ReadyReplicas, "readyReplicas once the pod is ready")
		assert.Equal(t, int32(0), r.status(t).AvailableReplicas, "a pod ready for 0 s of minReadySeconds 10 is not available yet")

		time.Sleep(12 * time.Second)
		synctest.Wait()
		assert.Equal(t, int32(1), r.status(t).AvailableReplicas, "12 s after the pod turned ready, with minReadySeconds 10, it should be reported available")
	})
}

func (r *runningController) status(t *testing.T) appsv1.ReplicaSetStatus {
	rs, err := r.client.AppsV1().ReplicaSets("default").Get(t.Context(), "web", metav1.GetOptions{})
	require.NoError(t, err)
	return rs.Status
}

// The ReplicationController manager, run the same way: an RC of 2 gets 2
// pods it owns, its own pods' events satisfy its expectations (a deleted
// pod is replaced at once), and its events name the RC and come from the
// replication-controller.
func TestRunReplicationManagerKeepsTwoPods(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := runControllerFor(t, NewReplicationManager)
		defer r.stop()

		_, err := r.client.CoreV1().ReplicationControllers("default").Create(t.Context(), newRC("web", 2), metav1.CreateOptions{})
		require.NoError(t, err)
		settle()
		require.Equal(t, 2, r.podCount(t), "an RC of 2 should end with exactly 2 pods")

		pods, err := r.client.CoreV1().Pods("default").List(t.Context(), metav1.ListOptions{})
		require.NoError(t, err)
		require.NoError(t, r.client.CoreV1().Pods("default").Delete(t.Context(), pods.Items[0].Name, metav1.DeleteOptions{}))
		settle()
		assert.Equal(t, 2, r.podCount(t), "a deleted pod of the RC should be replaced by exactly one")

		rc, err := r.client.CoreV1().ReplicationControllers("default").Get(t.Context(), "web", metav1.GetOptions{})
		require.NoError(t, err)
		assert.Equal(t, int32(2), rc.Status.Replicas, "the RC's status.replicas")
		events, err := r.client.CoreV1().Events("default").List(t.Context(), metav1.ListOptions{})
		require.NoError(t, err)
		require.NotEmpty(t, events.Items, "no event reached the apiserver")
		for _, e := range events.Items {
			assert.Equal(t, "replication-controller", e.Source.Component, "event %q: source", e.Message)
			assert.Equal(t, "ReplicationController", e.InvolvedObject.Kind, "event %q: involved object", e.Message)
		}
	})
}

// Taking a pod out of a ReplicaSet by relabelling it (to debug it, say)
// releases it and the ReplicaSet makes a replacement; labelling it back
// makes it a matching orphan, which is adopted, and the one pod too many
// is deleted. The ReplicaSet ends with 3 pods, and the relabelled pod
// stays out of it while it is relabelled.
func TestRunReleasesRelabelledPodAndAdoptsItBack(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := runController(t)
		defer r.stop()
		_, err := r.client.AppsV1().ReplicaSets("default").Create(t.Context(), newRS("web", 3, webLabels), metav1.CreateOptions{})
		require.NoError(t, err)
		settle()
		pods, err := r.client.CoreV1().Pods("default").List(t.Context(), metav1.ListOptions{})
		require.NoError(t, err)
		require.Len(t, pods.Items, 3)

		pod := &pods.Items[0]
		pod.Labels = map[string]string{"app": "debug"}
		pod, err = r.client.CoreV1().Pods("default").Update(t.Context(), pod, metav1.UpdateOptions{})
		require.NoError(t, err)
		settle()
		released, err := r.client.CoreV1().Pods("default").Get(t.Context(), pod.Name, metav1.GetOptions{})
		require.NoError(t, err)
		assert.Nil(t, metav1.GetControllerOf(released), "a pod relabelled out of the selector should be released")
		assert.Equal(t, 4, r.podCount(t), "the released pod should be replaced (3 in the ReplicaSet, 1 released)")

		released.Labels = webLabels
		_, err = r.client.CoreV1().Pods("default").Update(t.Context(), released, metav1.UpdateOptions{})
		require.NoError(t, err)
		settle()
		assert.Equal(t, 3, r.podCount(t), "labelled back, the pod should be adopted and one pod too many deleted")
		list, err := r.client.CoreV1().Pods("default").List(t.Context(), metav1.ListOptions{})
		require.NoError(t, err)
		for _, p := range list.Items {
			assert.NotNil(t, metav1.GetControllerOf(&p), "pod %s is left an orphan", p.Name)
		}
	})
}

// A pod created by hand with a ReplicaSet's labels is an orphan that the
// ReplicaSet adopts, at once: its ADDED event must wake every ReplicaSet
// whose selector matches it, since nothing else will. A ReplicaSet of 2
// that adopts a third pod deletes one, and is left with 2 pods it
// controls, not 3 of which one is nobody's.
func TestRunAdoptsOrphanAddedByHand(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := runController(t)
		defer r.stop()
		_, err := r.client.AppsV1().ReplicaSets("default").Create(t.Context(), newRS("web", 2, webLabels), metav1.CreateOptions{})
		require.NoError(t, err)
		settle()
		require.Equal(t, 2, r.podCount(t))

		_, err = r.client.CoreV1().Pods("default").Create(t.Context(), newPod("by-hand", webLabels, nil), metav1.CreateOptions{})
		require.NoError(t, err)
		settle()
		assert.Equal(t, 2, r.podCount(t), "a matching orphan added to a ReplicaSet of 2 should be adopted and one pod too many deleted")
		list, err := r.client.CoreV1().Pods("default").List(t.Context(), metav1.ListOptions{})
		require.NoError(t, err)
		for _, p := range list.Items {
			assert.NotNil(t, metav1.GetControllerOf(&p), "pod %s is left an orphan: its ADDED event woke no ReplicaSet", p.Name)
		}
	})
}
