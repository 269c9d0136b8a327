// This file teaches the few facts about a pod that a ReplicaSet counts:
// whether it is active (still meant to run: not finished, not being
// deleted), ready (its Ready condition is True) and available (ready for
// at least minReadySeconds). They mirror IsPodActive in
// pkg/controller/controller_utils.go and IsPodReady / IsPodAvailable in
// pkg/api/v1/pod/util.go.

package replicaset

import (
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// isPodActive: a pod that has finished, or is being deleted, no longer
// counts as a replica; its replacement may be made at once.
func isPodActive(pod *corev1.Pod) bool {
	return pod.Status.Phase != corev1.PodSucceeded && pod.Status.Phase != corev1.PodFailed &&
		pod.DeletionTimestamp == nil
}

func activePods(pods []*corev1.Pod) []*corev1.Pod {
	var out []*corev1.Pod
	for _, pod := range pods {
		if isPodActive(pod) {
			out = append(out, pod)
		}
	}
	return out
}

func readyCondition(pod *corev1.Pod) *corev1.PodCondition {
	for i := range pod.Status.Conditions {
		if pod.Status.Conditions[i].Type == corev1.PodReady {
			return &pod.Status.Conditions[i]
		}
	}
	return nil
}

func isPodReady(pod *corev1.Pod) bool {
	c := readyCondition(pod)
	return c != nil && c.Status == corev1.ConditionTrue
}

// readySince is when pod became ready, zero if it is not.
func readySince(pod *corev1.Pod) metav1.Time {
	if !isPodReady(pod) {
		return metav1.Time{}
	}
	return readyCondition(pod).LastTransitionTime
}

// isPodAvailable: ready, and for longer than minReadySeconds.
func isPodAvailable(pod *corev1.Pod, minReadySeconds int32, now time.Time) bool {
	if !isPodReady(pod) {
		return false
	}
	if minReadySeconds == 0 {
		return true
	}
	since := readySince(pod)
	return !since.IsZero() && since.Add(time.Duration(minReadySeconds)*time.Second).Before(now)
}
