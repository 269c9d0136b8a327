// This file teaches how a controller reports: it counts what it found
// (replicas, how many carry all the template's labels, how many are ready
// and available) and which spec it acted on (observedGeneration), records
// a ReplicaFailure condition while creates or deletes fail, and writes all
// of that through the status subresource, only when something changed,
// so that an idle ReplicaSet costs the apiserver nothing. It mirrors
// calculateStatus and updateReplicaSetStatus in Kubernetes'
// pkg/controller/replicaset/replica_set_utils.go.

package replicaset

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// statusUpdateRetries: one more try, from a fresh read, after a conflict.
const statusUpdateRetries = 1

// calculateStatus returns rs's status given the pods it controls and the
// outcome of this sync's creates or deletes.
func calculateStatus(rs *appsv1.ReplicaSet, pods []*corev1.Pod, manageErr error, now time.Time) appsv1.ReplicaSetStatus {
	status := rs.Status
	status.Conditions = failureConditions(rs, pods, manageErr, now)
	status.Replicas = int32(len(pods))
	// TODO(chapter 5): write status-counts.
	// Hint: count, among pods (the active pods rs controls), how many carry every label of the template (not merely the selector's), how many are ready, and how many are available
	// Hint: available means ready for longer than spec.minReadySeconds, judged at now (isPodAvailable); with 0 every ready pod is available
	// Hint: an available pod is always ready too: availableReplicas can never exceed readyReplicas
	// Hint: write the three counts into status and return it
	panic("TODO(chapter 5): status-counts is not written yet (see chapters/05-controllers/README.md)")
}

// failureConditions returns rs's conditions with a ReplicaFailure added
// when this sync's creates or deletes failed, and removed when they did
// not.
func failureConditions(rs *appsv1.ReplicaSet, pods []*corev1.Pod, manageErr error, now time.Time) []appsv1.ReplicaSetCondition {
	conditions := slices.Clone(rs.Status.Conditions)
	failing := slices.IndexFunc(conditions, func(c appsv1.ReplicaSetCondition) bool {
		return c.Type == appsv1.ReplicaSetReplicaFailure
	})
	switch {
	case manageErr != nil && failing < 0:
		reason := "FailedCreate"
		if len(pods) > int(desired(rs)) {
			reason = "FailedDelete"
		}
		conditions = append(conditions, appsv1.ReplicaSetCondition{
			Type: appsv1.ReplicaSetReplicaFailure, Status: corev1.ConditionTrue,
			LastTransitionTime: metav1.NewTime(now), Reason: reason, Message: manageErr.Error(),
		})
	case manageErr == nil && failing >= 0:
		conditions = slices.Delete(conditions, failing, failing+1)
	}
	return conditions
}

// desired is spec.replicas; the apiserver defaults it to 1.
func desired(rs *appsv1.ReplicaSet) int32 {
	if rs.Spec.Replicas == nil {
		return 1
	}
	return *rs.Spec.Replicas
}

// updateStatus writes status to rs unless rs already shows it for its
// current generation, and returns rs as stored.
func (c *ReplicaSetController) updateStatus(ctx context.Context, rs *appsv1.ReplicaSet, status appsv1.ReplicaSetStatus) (*appsv1.ReplicaSet, error) {
	status.ObservedGeneration = rs.Generation
	if reflect.DeepEqual(normalized(rs.Status), normalized(status)) {
		return rs, nil
	}
	for try := 0; ; try++ {
		rs.Status = status
		updated, err := c.kind.UpdateStatus(ctx, rs)
		if err == nil {
			return updated, nil
		}
		if try >= statusUpdateRetries {
			return nil, fmt.Errorf("updating the status of %s/%s: %w", rs.Namespace, rs.Name, err)
		}
		// Most likely a conflict: take the newest resourceVersion and try
		// once more; a second failure requeues the key.
		live, err := c.kind.GetLive(ctx, rs.Namespace, rs.Name)
		if err != nil { // gone meanwhile, most likely: the key is requeued and finds it so
			return nil, fmt.Errorf("reading %s/%s to update its status: %w", rs.Namespace, rs.Name, err)
		}
		rs = live
	}
}

// normalized treats a nil and an empty list of conditions alike.
func normalized(s appsv1.ReplicaSetStatus) appsv1.ReplicaSetStatus {
	if len(s.Conditions) == 0 {
		s.Conditions = nil
	}
	return s
}
