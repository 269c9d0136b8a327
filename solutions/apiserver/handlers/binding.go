// This file teaches the scheduler's one write: a Binding. The scheduler
// does not update the pod; it POSTs a Binding (pod name → node name) to the
// pod's binding subresource, and the apiserver sets spec.nodeName. A pod is
// bound once: a second binding is a 409 Conflict, so two schedulers racing
// for one pod cannot both win. It mirrors BindingREST in
// k8s.io/kubernetes/pkg/registry/core/pod/storage.

package handlers

import (
	"context"
	"fmt"
	"net/http"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubeling/kubeling/solutions/apiserver/registry"
)

var bindingResource = schema.GroupResource{Resource: "pods/binding"}

func (a *API) bind(w http.ResponseWriter, r *http.Request, s *scope) {
	decoded, err := readObject(w, r, corev1.SchemeGroupVersion.WithKind("Binding"), &corev1.Binding{})
	if err != nil {
		WriteError(w, r, err)
		return
	}
	binding := decoded.(*corev1.Binding)
	if binding.Name != s.name {
		WriteError(w, r, apierrors.NewBadRequest(fmt.Sprintf("binding name %q does not match the pod %q", binding.Name, s.name)))
		return
	}
	if binding.Target.Kind != "" && binding.Target.Kind != "Node" {
		WriteError(w, r, apierrors.NewBadRequest(fmt.Sprintf("a pod can only be bound to a Node, not a %s", binding.Target.Kind)))
		return
	}
	if binding.Target.Name == "" {
		WriteError(w, r, apierrors.NewBadRequest("binding.target.name is required"))
		return
	}

	_, err = s.store.Update(r.Context(), s.namespace, s.name, func(_ context.Context, current runtime.Object) (runtime.Object, error) {
		return assignPod(current.(*corev1.Pod), binding)
	}, registry.UpdateOptions{Subresource: "binding", SkipValidation: true})
	if err != nil {
		WriteError(w, r, err)
		return
	}
	writeObject(w, http.StatusCreated, output{}, successStatus(http.StatusCreated, nil))
}

// assignPod sets the pod's node, or refuses if it already has one.
func assignPod(pod *corev1.Pod, binding *corev1.Binding) (*corev1.Pod, error) {
	if binding.UID != "" && binding.UID != pod.UID {
		return nil, apierrors.NewConflict(bindingResource, pod.Name,
			fmt.Errorf("Precondition failed: UID in precondition: %v, UID in object meta: %v", binding.UID, pod.UID))
	}
	if pod.DeletionTimestamp != nil {
		return nil, apierrors.NewConflict(bindingResource, pod.Name, fmt.Errorf("pod %s is being deleted, cannot be assigned to a host", pod.Name))
	}
	if pod.Spec.NodeName != "" {
		return nil, apierrors.NewConflict(bindingResource, pod.Name, fmt.Errorf("pod %v is already assigned to node %q", pod.Name, pod.Spec.NodeName))
	}
	pod.Spec.NodeName = binding.Target.Name
	for k, v := range binding.Annotations {
		if pod.Annotations == nil {
			pod.Annotations = map[string]string{}
		}
		pod.Annotations[k] = v
	}
	setPodScheduled(pod)
	return pod, nil
}

// setPodScheduled records the PodScheduled condition, as the binding
// registry does: the scheduler's decision is visible in the pod's status.
func setPodScheduled(pod *corev1.Pod) {
	cond := corev1.PodCondition{Type: corev1.PodScheduled, Status: corev1.ConditionTrue, LastTransitionTime: metav1.Now()}
	for i := range pod.Status.Conditions {
		if pod.Status.Conditions[i].Type == corev1.PodScheduled {
			pod.Status.Conditions[i] = cond
			return
		}
	}
	pod.Status.Conditions = append(pod.Status.Conditions, cond)
}
