// This file teaches which pods go first when a ReplicaSet scales down: the
// ones whose loss hurts least. A pod not yet scheduled before one on a
// node; Pending before Unknown before Running; not ready before ready; a
// lower controller.kubernetes.io/pod-deletion-cost first; a pod sharing
// its node with more of its siblings first (spreading what remains); then
// the one ready for less time, the one restarting more, and the newer one.
// Times are compared in powers of two of their age, so pods created within
// the same "bucket" are chosen in a pseudo-random order (by uid) rather
// than always the very newest. It mirrors ActivePodsWithRanks and
// getPodsToDelete in Kubernetes' pkg/controller.

package replicaset

import (
	"math"
	"sort"
	"strconv"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// PodDeletionCostAnnotation lets a user say which pods to keep.
const PodDeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost"

// phaseOrder ranks phases from cheapest to dearest to lose.
var phaseOrder = map[corev1.PodPhase]int{corev1.PodPending: 0, corev1.PodUnknown: 1, corev1.PodRunning: 2}

// podsToDelete returns the n pods of pods (n < len(pods) or all) to delete
// first. related are the pods whose placement counts for spreading: the
// active pods of this ReplicaSet and its siblings under the same owner.
func podsToDelete(pods, related []*corev1.Pod, n int, now time.Time) []*corev1.Pod {
	if n >= len(pods) {
		return pods
	}
	onNode := map[string]int{}
	for _, pod := range related {
		if isPodActive(pod) {
			onNode[pod.Spec.NodeName]++
		}
	}
	ranked := make([]rankedPod, len(pods))
	for i, pod := range pods {
		ranked[i] = rankedPod{pod: pod, colocated: onNode[pod.Spec.NodeName]}
	}
	sort.SliceStable(ranked, func(i, j int) bool { return deleteBefore(ranked[i], ranked[j], now) })
	out := make([]*corev1.Pod, n)
	for i := range out {
		out[i] = ranked[i].pod
	}
	return out
}

// rankedPod is a pod and the number of related pods on its node.
type rankedPod struct {
	pod       *corev1.Pod
	colocated int
}

// deleteBefore reports whether a should be deleted before b.
func deleteBefore(a, b rankedPod, now time.Time) bool {
	// lab:begin delete-before
	// hint: a ladder of rungs, cheapest loss first: the first rung on which a.pod and b.pod differ decides, and pods equal on it go on to the next
	// hint: 1. a pod with no node yet (spec.nodeName empty) before one placed on a node
	// hint: 2. by phase, in the order of phaseOrder: Pending, then Unknown, then Running
	// hint: 3. not ready before ready (isPodReady)
	// hint: 4. the lower deletion cost first (deletionCost reads the annotation)
	// hint: 5. the pod with more related pods on its node (a.colocated) first, so that what remains is spread
	// hint: pods equal on all five are ordered by their times: deleteBeforeByTime
	p, q := a.pod, b.pod
	if (p.Spec.NodeName == "") != (q.Spec.NodeName == "") {
		return p.Spec.NodeName == ""
	}
	if phaseOrder[p.Status.Phase] != phaseOrder[q.Status.Phase] {
		return phaseOrder[p.Status.Phase] < phaseOrder[q.Status.Phase]
	}
	if isPodReady(p) != isPodReady(q) {
		return !isPodReady(p)
	}
	if deletionCost(p) != deletionCost(q) {
		return deletionCost(p) < deletionCost(q)
	}
	if a.colocated != b.colocated {
		return a.colocated > b.colocated
	}
	return deleteBeforeByTime(p, q, now)
	// lab:end
}

// deleteBeforeByTime orders pods equal on every other rung: the one ready
// for less time, then the one restarting more, then the newer one.
func deleteBeforeByTime(p, q *corev1.Pod, now time.Time) bool {
	if isPodReady(p) { // both ready: the one ready for less time first
		if before, decided := newerFirst(readySince(p), readySince(q), p, q, now); decided {
			return before
		}
	}
	if maxRestarts(p) != maxRestarts(q) {
		return maxRestarts(p) > maxRestarts(q)
	}
	before, _ := newerFirst(p.CreationTimestamp, q.CreationTimestamp, p, q, now)
	return before
}

// newerFirst orders two times: unknown (zero) first, then the younger
// when their ages differ in powers of two, else by uid. decided is false
// when the times are equal.
func newerFirst(t1, t2 metav1.Time, p, q *corev1.Pod, now time.Time) (before, decided bool) {
	if t1.Equal(&t2) {
		return false, false
	}
	if t1.IsZero() || t2.IsZero() {
		return t1.IsZero(), true
	}
	if r1, r2 := ageBucket(t1.Time, now), ageBucket(t2.Time, now); r1 != r2 {
		return r1 < r2, true
	}
	return p.UID < q.UID, true
}

// ageBucket is log2 of the age in nanoseconds: pods a second and 1.5 s old
// share a bucket, pods a minute and an hour old do not.
func ageBucket(t, now time.Time) int64 {
	age := now.Sub(t)
	if age <= 0 {
		return -1
	}
	return int64(math.Log2(float64(age)))
}

func deletionCost(pod *corev1.Pod) int64 {
	cost, err := strconv.ParseInt(pod.Annotations[PodDeletionCostAnnotation], 10, 32)
	if err != nil {
		return 0 // absent or invalid: the default cost
	}
	return cost
}

func maxRestarts(pod *corev1.Pod) int32 {
	var most int32
	for _, c := range pod.Status.ContainerStatuses {
		most = max(most, c.RestartCount)
	}
	return most
}
