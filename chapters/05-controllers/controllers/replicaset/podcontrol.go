// This file teaches the two writes a ReplicaSet makes to pods, and the
// events that tell a human about them (`kubectl describe rs` shows them).
// A pod is made from the template: its labels, annotations, finalizers and
// spec, a generateName of "<rs-name>-" for which the apiserver invents
// five random characters, and an ownerReference naming the ReplicaSet as
// its controller. It mirrors RealPodControl and GetPodFromTemplate in
// Kubernetes' pkg/controller/controller_utils.go, including their event
// reasons and wording.

package replicaset

import (
	"context"
	"errors"
	"fmt"
	"maps"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// The event reasons Kubernetes' controllers use for their pod writes.
const (
	SuccessfulCreateReason = "SuccessfulCreate"
	FailedCreateReason     = "FailedCreate"
	SuccessfulDeleteReason = "SuccessfulDelete"
	FailedDeleteReason     = "FailedDelete"
)

var (
	getOptions    = metav1.GetOptions{}
	updateOptions = metav1.UpdateOptions{}
	createOptions = metav1.CreateOptions{}
	deleteOptions = metav1.DeleteOptions{}
)

// errNoLabels refuses a template that no selector could ever match again.
var errNoLabels = errors.New("unable to create pods, no labels")

// podFromTemplate returns the pod rs creates: the template, generateName
// "<name>-" and rs as its controller.
func (c *ReplicaSetController) podFromTemplate(rs *appsv1.ReplicaSet) (*corev1.Pod, error) {
	template := rs.Spec.Template.DeepCopy()
	if len(template.Labels) == 0 {
		return nil, errNoLabels
	}
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{
			// The apiserver appends five random characters; names over its
			// limit are cut there, so the prefix needs no check here.
			GenerateName: rs.Name + "-",
			Labels:       maps.Clone(template.Labels),
			Annotations:  maps.Clone(template.Annotations),
			Finalizers:   template.Finalizers,
		},
		Spec: template.Spec,
	}
	pod.OwnerReferences = append(pod.OwnerReferences, *metav1.NewControllerRef(rs, c.kind.GroupVersionKind()))
	return pod, nil
}

// createPod creates one pod for rs and records the event that says so.
func (c *ReplicaSetController) createPod(ctx context.Context, rs *appsv1.ReplicaSet) error {
	pod, err := c.podFromTemplate(rs)
	if err != nil {
		return fmt.Errorf("creating a pod for %s/%s: %w", rs.Namespace, rs.Name, err)
	}
	created, err := c.client.CoreV1().Pods(rs.Namespace).Create(ctx, pod, createOptions)
	if err != nil {
		// A namespace being deleted refuses every create; that is not
		// news worth an event per pod.
		if !apierrors.HasStatusCause(err, corev1.NamespaceTerminatingCause) {
			c.recorder.Eventf(c.kind.Original(rs), corev1.EventTypeWarning, FailedCreateReason, "Error creating: %v", err)
		}
		return fmt.Errorf("creating a pod for %s/%s: %w", rs.Namespace, rs.Name, err)
	}
	c.logger.Debug("created pod", "replicaset", rs.Namespace+"/"+rs.Name, "pod", created.Name)
	c.recorder.Eventf(c.kind.Original(rs), corev1.EventTypeNormal, SuccessfulCreateReason, "Created pod: %v", created.Name)
	return nil
}

// deletePod deletes one of rs's pods and records the event that says so.
func (c *ReplicaSetController) deletePod(ctx context.Context, rs *appsv1.ReplicaSet, pod *corev1.Pod) error {
	err := c.client.CoreV1().Pods(pod.Namespace).Delete(ctx, pod.Name, deleteOptions)
	switch {
	case apierrors.IsNotFound(err):
		return fmt.Errorf("deleting pod %s/%s: %w", pod.Namespace, pod.Name, err) // gone already: no event
	case err != nil:
		c.recorder.Eventf(c.kind.Original(rs), corev1.EventTypeWarning, FailedDeleteReason, "Error deleting: %v", err)
		return fmt.Errorf("deleting pod %s/%s: %w", pod.Namespace, pod.Name, err)
	}
	c.recorder.Eventf(c.kind.Original(rs), corev1.EventTypeNormal, SuccessfulDeleteReason, "Deleted pod: %v", pod.Name)
	return nil
}
