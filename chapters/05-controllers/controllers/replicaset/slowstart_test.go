package replicaset

import (
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	clienttesting "k8s.io/client-go/testing"
)

// Slow start sends batches of 1, 2, 4, 8, ... and stops after the batch
// where a call fails. With 10 calls to make and calls failing from the
// k-th one on, the batches that run are fixed, so the number of calls
// and of successes is too: a quota that refuses every pod costs 1
// request, not 10.
func TestSlowStartBatchStopsAfterFirstFailingBatch(t *testing.T) {
	tests := []struct {
		name          string
		failFrom      int // the first call that fails; 0: none fails
		wantCalls     int
		wantSuccesses int
	}{
		{"nothing fails: batches 1+2+4+3", 0, 10, 10},
		{"the first call fails: batch 1 only", 1, 1, 0},
		{"fails from the 2nd: batches 1+2", 2, 3, 1},
		{"fails from the 4th: batches 1+2+4", 4, 7, 3},
		{"fails from the 6th: batches 1+2+4", 6, 7, 5},
		{"fails from the 8th: batches 1+2+4+3", 8, 10, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			successes, err := slowStartBatch(10, SlowStartInitialBatchSize, func() error {
				if n := int(calls.Add(1)); tt.failFrom > 0 && n >= tt.failFrom {
					return errors.New("quota exceeded")
				}
				return nil
			})
			assert.Equal(t, tt.wantCalls, int(calls.Load()), "calls made")
			assert.Equal(t, tt.wantSuccesses, successes, "successes reported")
			assert.Equal(t, tt.failFrom > 0, err != nil, "error returned: %v", err)
		})
	}
}

// failCreatesFrom makes the fake apiserver refuse every pod create from
// the n-th on, as a quota would.
func failCreatesFrom(f *fixture, n int32) {
	var creates atomic.Int32
	f.client.PrependReactor("create", "pods", func(clienttesting.Action) (bool, runtime.Object, error) {
		if creates.Add(1) < n {
			return false, nil, nil
		}
		return true, nil, apierrors.NewForbidden(schema.GroupResource{Resource: "pods"}, "", errors.New("exceeded quota"))
	})
}

// A ReplicaSet of 10 whose creates fail from the 4th on: the sync sends
// batches of 1, 2 and 4, then stops (3 pods never tried), records a
// FailedCreate event per refused pod, reports the failure in the status
// (a ReplicaFailure condition) and returns an error so that the key backs
// off. Its expectations wait for the 3 pods that were made, no more.
func TestSyncCreatesInSlowStartBatchesAndStopsAtFailure(t *testing.T) {
	rs := newRS("web", 10, webLabels)
	f := newFixture(t, rs)
	failCreatesFrom(f, 4)

	err := f.sync(t, key(rs))
	assert.Error(t, err, "a sync whose creates failed should return an error, to be retried with backoff")
	assert.Len(t, f.actions("create", "pods"), 7, "creates should go in batches 1, 2, 4 and stop after the batch with failures")
	assert.Len(t, f.pods(t), 3)

	var failed int
	for _, e := range f.events() {
		if strings.HasPrefix(e, corev1.EventTypeWarning+" FailedCreate Error creating: ") {
			failed++
		}
	}
	assert.Equal(t, 4, failed, "each refused create should record a FailedCreate event")

	stored, err := f.client.AppsV1().ReplicaSets("default").Get(t.Context(), "web", getOptions)
	require.NoError(t, err)
	assert.True(t, hasCondition(stored, appsv1.ReplicaSetReplicaFailure, "FailedCreate"), "status should carry a ReplicaFailure condition, reason FailedCreate: %+v", stored.Status.Conditions)

	for _, pod := range createdPods(t, f) {
		assert.False(t, f.rsc.expectations.SatisfiedExpectations(key(rs)), "expectations satisfied before pod %s was observed", pod.Name)
		f.observe(t, pod)
		f.rsc.addPod(pod)
	}
	assert.True(t, f.rsc.expectations.SatisfiedExpectations(key(rs)), "the 7 creates that failed or were never sent should not be waited for")
}

// When every create fails, one request is all it costs.
func TestSyncWithEveryCreateFailingSendsOne(t *testing.T) {
	rs := newRS("web", 3, webLabels)
	f := newFixture(t, rs)
	failCreatesFrom(f, 1)

	assert.Error(t, f.sync(t, key(rs)))
	assert.Len(t, f.actions("create", "pods"), 1, "with every create refused, only the first batch (1 pod) should be tried")
	assert.True(t, f.rsc.expectations.SatisfiedExpectations(key(rs)), "no create succeeded: nothing to wait for, the retry may create again")
}

// A namespace being deleted refuses every create. That is not the
// ReplicaSet's failure: no FailedCreate event per pod, no error to retry
// (the namespace and the ReplicaSet are going away).
func TestSyncInTerminatingNamespaceRecordsNoFailure(t *testing.T) {
	rs := newRS("web", 3, webLabels)
	f := newFixture(t, rs)
	f.client.PrependReactor("create", "pods", func(clienttesting.Action) (bool, runtime.Object, error) {
		err := apierrors.NewForbidden(schema.GroupResource{Resource: "pods"}, "", errors.New("namespace default is being terminated"))
		err.ErrStatus.Details.Causes = []metav1.StatusCause{{Type: corev1.NamespaceTerminatingCause}}
		return true, nil, err
	})

	assert.NoError(t, f.sync(t, key(rs)), "creates refused by a terminating namespace should not fail the sync")
	assert.Empty(t, f.events(), "creates refused by a terminating namespace should record no event")
}
