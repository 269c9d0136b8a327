package replicaset

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	clienttesting "k8s.io/client-go/testing"

	"github.com/kubeling/kubeling/solutions/client/cache"
)

// podWith returns a pod of the web ReplicaSet changed by edit.
func podWith(name string, edit func(*corev1.Pod)) *corev1.Pod {
	pod := newPod(name, webLabels, nil)
	edit(pod)
	return pod
}

func unscheduled(p *corev1.Pod) { p.Spec.NodeName = ""; p.Status.Phase = corev1.PodPending }
func pending(p *corev1.Pod)     { p.Status.Phase = corev1.PodPending }
func unknown(p *corev1.Pod)     { p.Status.Phase = corev1.PodUnknown }
func running(*corev1.Pod)       {}

func ready(ago time.Duration) func(*corev1.Pod) {
	return func(p *corev1.Pod) { readyAt(p, epoch.Add(-ago)) }
}

func created(ago time.Duration) func(*corev1.Pod) {
	return func(p *corev1.Pod) { p.CreationTimestamp = metav1.NewTime(epoch.Add(-ago)) }
}

func noCreationTime(p *corev1.Pod) { p.CreationTimestamp = metav1.Time{} }

func onNode(node string) func(*corev1.Pod) { return func(p *corev1.Pod) { p.Spec.NodeName = node } }

func deletionCostOf(cost string) func(*corev1.Pod) {
	return func(p *corev1.Pod) { p.Annotations = map[string]string{PodDeletionCostAnnotation: cost} }
}

func restarts(n int32) func(*corev1.Pod) {
	return func(p *corev1.Pod) {
		p.Status.ContainerStatuses = []corev1.ContainerStatus{{Name: "web", RestartCount: n}}
	}
}

func both(a, b func(*corev1.Pod)) func(*corev1.Pod) {
	return func(p *corev1.Pod) { a(p); b(p) }
}

// On scale-down the pod whose loss hurts least goes first, in Kubernetes'
// order: each row is two pods that differ in one respect (or where an
// earlier rule must win over a later one), and the "first" pod must be
// chosen whichever order the two are listed in.
func TestScaleDownDeletesCheapestPodFirst(t *testing.T) {
	tests := []struct {
		name          string
		first, second func(*corev1.Pod)
	}{
		{"unscheduled before scheduled", unscheduled, pending},
		{"unscheduled before scheduled, even if ready", both(unscheduled, ready(time.Hour)), pending},
		{"pending before unknown", pending, unknown},
		{"unknown before running", unknown, running},
		{"pending before running, even if ready", both(pending, ready(time.Hour)), running},
		{"not ready before ready", running, ready(time.Hour)},
		{"lower deletion cost before higher", both(ready(time.Minute), deletionCostOf("-5")), ready(time.Minute)},
		{"deletion cost beats time ready", both(ready(time.Hour), deletionCostOf("1")), both(ready(time.Minute), deletionCostOf("10"))},
		{"ready for less time before ready for longer", ready(time.Minute), ready(time.Hour)},
		{"more restarts before fewer", restarts(5), restarts(1)},
		{"newer before older", created(time.Minute), created(time.Hour)},
		{"unknown creation time before any", noCreationTime, created(time.Minute)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, second := podWith("first", tt.first), podWith("second", tt.second)
			for _, order := range [][]*corev1.Pod{{first, second}, {second, first}} {
				got := podsToDelete(order, order, 1, epoch)
				require.Len(t, got, 1)
				assert.Equal(t, "first", got[0].Name, "scaling down by one deleted the wrong pod (%s)", tt.name)
			}
		})
	}
}

// Pods whose ages fall in the same power of two (created 60 and 61
// seconds ago) are not ordered by age but by uid, so that the very newest
// pod is not always the victim; pods a minute and an hour old are.
func TestScaleDownComparesAgesByPowersOfTwo(t *testing.T) {
	a := podWith("a", created(61*time.Second))
	b := podWith("b", created(60*time.Second))
	a.UID, b.UID = types.UID("1"), types.UID("2")
	got := podsToDelete([]*corev1.Pod{b, a}, nil, 1, epoch)
	assert.Equal(t, "a", got[0].Name, "pods 60 s and 61 s old share an age bucket: the lower uid should go first, not the newer pod")
}

// A pod on a node crowded with its siblings goes before one alone on its
// node, so what remains is spread out.
func TestScaleDownPrefersPodsOnCrowdedNodes(t *testing.T) {
	crowded := podWith("crowded", onNode("node-1"))
	sibling := podWith("sibling", onNode("node-1"))
	alone := podWith("alone", onNode("node-2"))
	related := []*corev1.Pod{crowded, sibling, alone}

	got := podsToDelete([]*corev1.Pod{alone, crowded}, related, 1, epoch)
	assert.Equal(t, "crowded", got[0].Name, "the pod sharing node-1 with a sibling should go before the one alone on node-2")
}

// A ReplicaSet scaled from 4 to 2 deletes, through the apiserver, the 2
// cheapest pods (here the unscheduled one and the unready one), records a
// SuccessfulDelete event for each, and waits for both deletions to be
// observed before acting again.
func TestSyncScaleDownDeletesCheapestAndRecordsEvents(t *testing.T) {
	rs := newRS("web", 2, webLabels)
	owned := func(name string, edit func(*corev1.Pod)) *corev1.Pod {
		pod := newPod(name, webLabels, rs)
		edit(pod)
		return pod
	}
	oldReady := owned("old-ready", ready(time.Hour))
	newReady := owned("new-ready", ready(time.Minute))
	notReady := owned("not-ready", running)
	waiting := owned("unscheduled", unscheduled)
	f := newFixture(t, rs, oldReady, newReady, notReady, waiting)

	require.NoError(t, f.sync(t, key(rs)))

	var deleted []string
	for _, a := range f.actions("delete", "pods") {
		deleted = append(deleted, a.(clienttesting.DeleteAction).GetName())
	}
	assert.ElementsMatch(t, []string{"unscheduled", "not-ready"}, deleted, "scaling 4 → 2 should delete the unscheduled and the unready pod")
	assert.ElementsMatch(t, []string{
		corev1.EventTypeNormal + " SuccessfulDelete Deleted pod: unscheduled",
		corev1.EventTypeNormal + " SuccessfulDelete Deleted pod: not-ready",
	}, f.events(), "one SuccessfulDelete event per deleted pod")

	assert.False(t, f.rsc.expectations.SatisfiedExpectations(key(rs)), "expectations should wait for the 2 deletions")
	f.rsc.deletePodEvent(waiting)
	assert.False(t, f.rsc.expectations.SatisfiedExpectations(key(rs)), "one of 2 deletions observed")
	f.rsc.deletePodEvent(cacheTombstone(notReady))
	assert.True(t, f.rsc.expectations.SatisfiedExpectations(key(rs)), "both deletions observed (one through a tombstone)")
}

// cacheTombstone is what a relist delivers for a pod deleted while the
// watch was down.
func cacheTombstone(pod *corev1.Pod) cache.DeletedFinalStateUnknown {
	return cache.DeletedFinalStateUnknown{Key: key(pod), Obj: pod}
}

// The ReplicaSets of one Deployment (its revisions) spread together: a
// pod of the new ReplicaSet sharing its node with a pod of the old one
// goes first, even if it is the older of the two, so that the Deployment
// as a whole stays spread over nodes.
func TestSyncScaleDownSpreadsAcrossSiblingReplicaSets(t *testing.T) {
	deployment := metav1.OwnerReference{APIVersion: "apps/v1", Kind: "Deployment", Name: "web", UID: "deploy-uid", Controller: new(true)}
	revision := func(name, hash string, replicas int32) *appsv1.ReplicaSet {
		rs := newRS(name, replicas, map[string]string{"app": "web", "hash": hash})
		rs.OwnerReferences = []metav1.OwnerReference{deployment}
		return rs
	}
	newer, older := revision("web-new", "new", 1), revision("web-old", "old", 1)
	crowded := newPod("crowded", newer.Spec.Template.Labels, newer)
	crowded.CreationTimestamp = metav1.NewTime(epoch.Add(-2 * time.Hour))
	crowded.Spec.NodeName = "node-1"
	alone := newPod("alone", newer.Spec.Template.Labels, newer)
	alone.Spec.NodeName = "node-2"
	oldPod := newPod("old", older.Spec.Template.Labels, older)
	oldPod.Spec.NodeName = "node-1"
	f := newFixture(t, newer, older, crowded, alone, oldPod)

	require.NoError(t, f.sync(t, key(newer)))
	deletes := f.actions("delete", "pods")
	require.Len(t, deletes, 1)
	assert.Equal(t, "crowded", deletes[0].(clienttesting.DeleteAction).GetName(),
		"scaling web-new down should delete its pod on node-1, which also runs a pod of web-old, not the one alone on node-2")
}
