// This file teaches which pod updates can change where a pod fits: its
// spec (tolerations, requests, affinity) and its labels. Status-only
// updates (the scheduler's own PodScheduled condition among them) cannot,
// and must not wake the pod, or every failed attempt would trigger the
// next. It mirrors isPodUpdated in kube-scheduler's queue.

package queue

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
)

// podUpdateMatters reports whether the update from oldPod to newPod could
// change the scheduling decision.
func podUpdateMatters(oldPod, newPod *corev1.Pod) bool {
	if oldPod == nil {
		return true
	}
	return !equality.Semantic.DeepEqual(oldPod.Spec, newPod.Spec) ||
		!equality.Semantic.DeepEqual(oldPod.Labels, newPod.Labels)
}
