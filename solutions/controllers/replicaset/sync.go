// This file teaches the sync of one ReplicaSet: read it and its pods from
// the caches, claim the pods, and, unless writes of the last sync are
// still on their way, create or delete the difference to spec.replicas;
// then report the status. Everything it writes goes through the API; an
// error it returns requeues the key with backoff, which is what keeps a
// failing create from becoming a hot loop. It mirrors syncReplicaSet and
// manageReplicas in Kubernetes' pkg/controller/replicaset/replica_set.go.

package replicaset

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kubeling/kubeling/solutions/client/cache"
	"github.com/kubeling/kubeling/solutions/controller"
)

// sync makes the ReplicaSet named key have spec.replicas active pods.
func (c *ReplicaSetController) sync(ctx context.Context, key string) error {
	namespace, name, err := cache.SplitMetaNamespaceKey(key)
	if err != nil {
		return nil // a malformed key will not get better
	}
	rs, err := c.kind.Get(namespace, name)
	if apierrors.IsNotFound(err) {
		c.expectations.DeleteExpectations(key) // its pods are the collector's
		return nil
	}
	if err != nil {
		return err
	}
	// Read before listing pods: pods observed after this point can only
	// make the expectations more satisfied, never less.
	needsSync := c.expectations.SatisfiedExpectations(key)
	selector, err := metav1.LabelSelectorAsSelector(rs.Spec.Selector)
	if err != nil {
		c.logger.Error("invalid selector, not syncing", "replicaset", key, "err", err)
		return nil // validation forbids it; retrying cannot fix it
	}
	pods, err := c.pods.Lister().Namespace(namespace).List(labels.Everything())
	if err != nil {
		return err
	}
	claimed, err := c.newClaimer(rs, selector).claimPods(ctx, activePods(pods))
	if err != nil {
		return err
	}
	var manageErr error
	if needsSync && rs.DeletionTimestamp == nil {
		manageErr = c.manageReplicas(ctx, rs, claimed, pods)
	}
	updated, err := c.updateStatus(ctx, rs, calculateStatus(rs, claimed, manageErr, c.clock.Now()))
	if err != nil {
		return err
	}
	if manageErr == nil && rs.Spec.MinReadySeconds > 0 &&
		updated.Status.ReadyReplicas == desired(rs) && updated.Status.AvailableReplicas != desired(rs) {
		// All ready, some not yet for long enough: look again when they are.
		return controller.RequeueAfter(untilAvailable(rs))
	}
	return manageErr
}

// availabilityMargin is added to minReadySeconds before looking again at a
// pod that has just become ready. Available means ready for strictly more
// than minReadySeconds, so a look at exactly minReadySeconds (or one a
// little early, when the kubelet's clock is ahead of ours) would find it
// not yet available and wait minReadySeconds more. (Kubernetes' pod
// handler adds this second too; its sync does not, and, being the earlier
// of the two, its look is the one that counts. Here both add it.)
const availabilityMargin = time.Second

// untilAvailable is how long after a pod turned ready rs looks again.
func untilAvailable(rs *appsv1.ReplicaSet) time.Duration {
	return time.Duration(rs.Spec.MinReadySeconds)*time.Second + availabilityMargin
}

// manageReplicas creates or deletes the difference between the pods rs
// controls and spec.replicas, at most burstReplicas of them.
func (c *ReplicaSetController) manageReplicas(ctx context.Context, rs *appsv1.ReplicaSet, claimed, all []*corev1.Pod) error {
	// lab:begin manage-replicas
	// hint: compare the pods rs controls (claimed, all active) with what it wants (desired(rs) reads spec.replicas, defaulting to 1)
	// hint: too few: create the missing ones; too many: delete the surplus, choosing which with podsToDelete; equal: write nothing
	// hint: never more than c.burstReplicas writes in one sync, either way: the next sync does the rest once these are observed
	// hint: spreading on scale-down counts the pods of rs's siblings too (c.relatedPods); expectations are keyed by "namespace/name"
	key := rs.Namespace + "/" + rs.Name
	diff := len(claimed) - int(desired(rs))
	switch {
	case diff < 0:
		return c.createReplicas(ctx, rs, key, min(-diff, c.burstReplicas))
	case diff > 0:
		related := c.relatedPods(rs, all)
		return c.deleteReplicas(ctx, rs, key, podsToDelete(claimed, related, min(diff, c.burstReplicas), c.clock.Now()))
	}
	return nil
	// lab:end
}

// createReplicas creates n pods in slow-start batches.
func (c *ReplicaSetController) createReplicas(ctx context.Context, rs *appsv1.ReplicaSet, key string, n int) error {
	// lab:begin create-replicas
	// hint: expect all n creations before the first create: the first pod's ADDED event may arrive before the last create returns
	// hint: create through c.createPod in slow-start batches starting at SlowStartInitialBatchSize
	// hint: a create refused because the namespace is terminating (apierrors.HasStatusCause, corev1.NamespaceTerminatingCause) is no failure: every other would fail too
	// hint: a create that failed, or was never tried, will never be observed: lower the expectations once for each, or the ReplicaSet waits ExpectationsTimeout
	c.expectations.ExpectCreations(key, n)
	created, err := slowStartBatch(n, SlowStartInitialBatchSize, func() error {
		err := c.createPod(ctx, rs)
		if apierrors.HasStatusCause(err, corev1.NamespaceTerminatingCause) {
			return nil // every create would fail; the namespace is going
		}
		return err
	})
	// Creates that failed or were never tried will never be observed.
	for range n - created {
		c.expectations.CreationObserved(key)
	}
	return err
	// lab:end
}

// deleteReplicas deletes pods concurrently and returns the first error.
func (c *ReplicaSetController) deleteReplicas(ctx context.Context, rs *appsv1.ReplicaSet, key string, pods []*corev1.Pod) error {
	podKeys := make([]string, len(pods))
	for i, pod := range pods {
		podKeys[i] = pod.Namespace + "/" + pod.Name
	}
	c.expectations.ExpectDeletions(key, podKeys)
	errs := make([]error, len(pods))
	var wg sync.WaitGroup
	for i, pod := range pods {
		wg.Go(func() {
			if err := c.deletePod(ctx, rs, pod); err != nil {
				// Never to be observed: do not wait for it.
				c.expectations.DeletionObserved(key, podKeys[i])
				if !apierrors.IsNotFound(err) {
					errs[i] = err
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("scaling %s down: %w", key, err)
	}
	return nil
}

// relatedPods are the active pods controlled by rs or by a ReplicaSet with
// the same controller (the other revisions of its Deployment): spreading
// on scale-down counts them all.
func (c *ReplicaSetController) relatedPods(rs *appsv1.ReplicaSet, all []*corev1.Pod) []*corev1.Pod {
	family := map[types.UID]bool{rs.UID: true}
	if owner := metav1.GetControllerOf(rs); owner != nil {
		siblings, _ := c.kind.List(rs.Namespace)
		for _, sibling := range siblings {
			if ref := metav1.GetControllerOf(sibling); ref != nil && ref.UID == owner.UID {
				family[sibling.UID] = true
			}
		}
	}
	var out []*corev1.Pod
	for _, pod := range activePods(all) {
		if ref := metav1.GetControllerOf(pod); ref != nil && family[ref.UID] {
			out = append(out, pod)
		}
	}
	return out
}
