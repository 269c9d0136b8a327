// This file teaches what a failed attempt leaves behind, so that
// `kubectl describe pod` tells the truth: a Warning event FailedScheduling
// with the reason, the pod's PodScheduled condition set to False with
// reason Unschedulable, and the pod back in the queue (unschedulable if it
// fits nowhere, backoffQ after an error). It mirrors handleSchedulingFailure
// and updatePod in kube-scheduler's schedule_one.go.

package scheduler

import (
	"context"
	"encoding/json"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/queue"
)

// handleSchedulingFailure records why pInfo's pod was not placed and
// requeues it.
func (s *Scheduler) handleSchedulingFailure(ctx context.Context, pInfo *queue.QueuedPodInfo, err error) {
	pod := pInfo.Pod
	_, unschedulable := isFitError(err)
	if unschedulable {
		s.queue.AddUnschedulable(pInfo)
	} else {
		s.logger.Error("scheduling attempt failed", "pod", pod.Namespace+"/"+pod.Name, "err", err)
		s.queue.AddBackoff(pInfo)
	}
	s.recorder.Event(pod, corev1.EventTypeWarning, "FailedScheduling", err.Error())
	reason := corev1.PodReasonUnschedulable
	if !unschedulable {
		reason = corev1.PodReasonSchedulerError
	}
	if perr := s.setPodScheduledFalse(ctx, pod, reason, err.Error()); perr != nil {
		s.logger.Error("recording the PodScheduled condition", "pod", pod.Namespace+"/"+pod.Name, "err", perr)
	}
}

// setPodScheduledFalse patches the pod's status (pods/status) with
// PodScheduled False, unless the condition already says the same: a pod
// that keeps failing for one reason is written once, not on every attempt.
func (s *Scheduler) setPodScheduledFalse(ctx context.Context, pod *corev1.Pod, reason, message string) error {
	cond := corev1.PodCondition{
		Type: corev1.PodScheduled, Status: corev1.ConditionFalse,
		Reason: reason, Message: message,
		LastTransitionTime: metav1.NewTime(s.clock.Now()),
	}
	for _, c := range pod.Status.Conditions {
		if c.Type != corev1.PodScheduled {
			continue
		}
		if c.Status == cond.Status && c.Reason == cond.Reason && c.Message == cond.Message {
			return nil
		}
		if c.Status == cond.Status {
			cond.LastTransitionTime = c.LastTransitionTime // not a transition
		}
	}
	// A strategic merge patch: conditions merge by type, so the patch
	// replaces PodScheduled and leaves the others (Ready, ...) alone.
	patch, err := json.Marshal(map[string]any{"status": map[string]any{"conditions": []corev1.PodCondition{cond}}})
	if err != nil {
		return err
	}
	_, err = s.client.CoreV1().Pods(pod.Namespace).Patch(ctx, pod.Name, types.StrategicMergePatchType, patch, metav1.PatchOptions{}, "status")
	if err != nil {
		return fmt.Errorf("patching the status of pod %s/%s: %w", pod.Namespace, pod.Name, err)
	}
	return nil
}
