// This file teaches the scale subresource: a small, uniform view
// (autoscaling/v1 Scale: desired and current replicas, and the selector) of
// any resource that has replicas. kubectl scale and the autoscaler speak
// only Scale, so they work on Deployments, ReplicaSets and
// ReplicationControllers alike. Writing a Scale changes the owner's
// spec.replicas, nothing else.

package handlers

import (
	"context"
	"fmt"
	"net/http"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/registry"
)

var scaleGVK = autoscalingv1.SchemeGroupVersion.WithKind("Scale")

// scaleOf returns the Scale view of a Deployment, ReplicaSet or
// ReplicationController.
func scaleOf(obj runtime.Object) (*autoscalingv1.Scale, error) {
	var objMeta metav1.ObjectMeta
	var specReplicas *int32
	var statusReplicas int32
	var selector *metav1.LabelSelector
	switch o := obj.(type) {
	case *appsv1.Deployment:
		objMeta, specReplicas, statusReplicas, selector = o.ObjectMeta, o.Spec.Replicas, o.Status.Replicas, o.Spec.Selector
	case *appsv1.ReplicaSet:
		objMeta, specReplicas, statusReplicas, selector = o.ObjectMeta, o.Spec.Replicas, o.Status.Replicas, o.Spec.Selector
	case *corev1.ReplicationController:
		// An RC's selector is a map of labels, which a LabelSelector's
		// matchLabels holds as it is.
		objMeta, specReplicas, statusReplicas = o.ObjectMeta, o.Spec.Replicas, o.Status.Replicas
		selector = &metav1.LabelSelector{MatchLabels: o.Spec.Selector}
	default:
		return nil, apierrors.NewInternalError(fmt.Errorf("%T has no scale subresource", obj))
	}
	scale := &autoscalingv1.Scale{
		ObjectMeta: metav1.ObjectMeta{
			Name: objMeta.Name, Namespace: objMeta.Namespace, UID: objMeta.UID,
			ResourceVersion: objMeta.ResourceVersion, CreationTimestamp: objMeta.CreationTimestamp,
		},
		Spec:   autoscalingv1.ScaleSpec{Replicas: 1},
		Status: autoscalingv1.ScaleStatus{Replicas: statusReplicas},
	}
	if specReplicas != nil {
		scale.Spec.Replicas = *specReplicas
	}
	if selector != nil {
		s, err := metav1.LabelSelectorAsSelector(selector)
		if err != nil {
			return nil, apierrors.NewInternalError(err)
		}
		scale.Status.Selector = s.String()
	}
	scale.GetObjectKind().SetGroupVersionKind(scaleGVK)
	return scale, nil
}

// setReplicas writes a Scale back into its owner: spec.replicas, and the
// Scale's resourceVersion as the update's precondition.
func setReplicas(obj runtime.Object, scale *autoscalingv1.Scale) error {
	if scale.Spec.Replicas < 0 {
		return apierrors.NewInvalid(scaleGVK.GroupKind(), scale.Name, nil)
	}
	replicas := scale.Spec.Replicas
	switch o := obj.(type) {
	case *appsv1.Deployment:
		o.Spec.Replicas = &replicas
		o.ResourceVersion = scale.ResourceVersion
	case *appsv1.ReplicaSet:
		o.Spec.Replicas = &replicas
		o.ResourceVersion = scale.ResourceVersion
	case *corev1.ReplicationController:
		o.Spec.Replicas = &replicas
		o.ResourceVersion = scale.ResourceVersion
	default:
		return apierrors.NewInternalError(fmt.Errorf("%T has no scale subresource", obj))
	}
	return nil
}

func (a *API) getScale(w http.ResponseWriter, r *http.Request, s *scope) {
	obj, err := s.store.Get(r.Context(), s.namespace, s.name)
	var scale *autoscalingv1.Scale
	if err == nil {
		scale, err = scaleOf(obj)
	}
	if err != nil {
		WriteError(w, r, err)
		return
	}
	writeObject(w, http.StatusOK, output{}, scale)
}

// updateScale serves PUT .../scale with a Scale body.
func (a *API) updateScale(w http.ResponseWriter, r *http.Request, s *scope) {
	decoded, err := readObject(w, r, scaleGVK, &autoscalingv1.Scale{})
	if err != nil {
		WriteError(w, r, err)
		return
	}
	scale := decoded.(*autoscalingv1.Scale)
	a.writeScale(w, r, s, func(_ context.Context, current runtime.Object) (runtime.Object, error) {
		if scale.Name != s.name {
			return nil, apierrors.NewBadRequest(fmt.Sprintf("the name of the object (%s) does not match the name on the URL (%s)", scale.Name, s.name))
		}
		return current, setReplicas(current, scale)
	})
}

// patchScale serves PATCH .../scale: the patch applies to the Scale view.
func (a *API) patchScale(w http.ResponseWriter, r *http.Request, s *scope) {
	pt, body, err := a.readPatch(r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	a.writeScale(w, r, s, func(_ context.Context, current runtime.Object) (runtime.Object, error) {
		scale, err := scaleOf(current)
		if err != nil {
			return nil, err
		}
		patched, err := a.applyPatch(w, r, pt, body, scale, scaleGVK, func() runtime.Object { return &autoscalingv1.Scale{} })
		if err != nil {
			return nil, err
		}
		return current, setReplicas(current, patched.(*autoscalingv1.Scale))
	})
}

// writeScale updates the owner with transform and answers with its Scale.
func (a *API) writeScale(w http.ResponseWriter, r *http.Request, s *scope, transform registry.TransformFunc) {
	updated, err := s.store.Update(r.Context(), s.namespace, s.name, transform, registry.UpdateOptions{Subresource: "scale"})
	var scale *autoscalingv1.Scale
	if err == nil {
		scale, err = scaleOf(updated)
	}
	if err != nil {
		WriteError(w, r, err)
		return
	}
	writeObject(w, http.StatusOK, output{}, scale)
}
