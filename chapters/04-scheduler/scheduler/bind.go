// This file teaches the bind: the scheduler does not update the pod, it
// creates a Binding (the pods/binding subresource), and the apiserver sets
// spec.nodeName only if the pod is still unbound — so two schedulers, or a
// scheduler restarted mid-way, can never both place a pod. It mirrors the
// binding cycle of kube-scheduler and its DefaultBinder plugin.

package scheduler

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/queue"
)

// bind binds assumed (the pod with its chosen node) and settles the
// assumption either way. It runs in its own goroutine.
func (s *Scheduler) bind(ctx context.Context, pInfo *queue.QueuedPodInfo, assumed *corev1.Pod) {
	binding := &corev1.Binding{
		ObjectMeta: metav1.ObjectMeta{Namespace: assumed.Namespace, Name: assumed.Name, UID: assumed.UID},
		Target:     corev1.ObjectReference{Kind: "Node", Name: assumed.Spec.NodeName},
	}
	err := s.client.CoreV1().Pods(assumed.Namespace).Bind(ctx, binding, metav1.CreateOptions{})
	if err == nil {
		s.cache.FinishBinding(assumed)
		s.queue.Done(assumed)
		s.recorder.Eventf(assumed, corev1.EventTypeNormal, "Scheduled", "Successfully assigned %s/%s to %s",
			assumed.Namespace, assumed.Name, assumed.Spec.NodeName)
		return
	}
	if ferr := s.cache.ForgetPod(assumed); ferr != nil {
		s.logger.Error("forgetting the assumed pod after a failed bind", "pod", assumed.Namespace+"/"+assumed.Name, "err", ferr)
	} else {
		// Its node has room again, as if a placed pod were deleted: the
		// pods that did not fit while it was assumed there may fit now.
		s.queue.MoveAllToActiveOrBackoffQueue("AssignedPodDelete")
	}
	if apierrors.IsConflict(err) || apierrors.IsAlreadyExists(err) {
		// Bound already (by us before a restart, or by someone else): the
		// informer will bring the bound pod into the cache. Nothing to retry.
		s.logger.Info("pod is bound already", "pod", assumed.Namespace+"/"+assumed.Name, "err", err)
		s.queue.Done(assumed)
		return
	}
	s.handleSchedulingFailure(ctx, pInfo, fmt.Errorf("running Bind plugin %q: %w", "DefaultBinder", err))
}
