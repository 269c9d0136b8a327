// This file holds the entry points for the kinds it validates: one function
// per kind for a create and one for an update (which may also compare the
// new object with the stored one), and the checks every update gets.

package resources

import (
	"fmt"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kubeling/kubeling/solutions/apiserver/eventconv"
)

// ValidateCreate returns what is wrong with obj as a new object. Kinds this
// package does not know (Deployments and ReplicaSets among them) pass.
func ValidateCreate(obj runtime.Object) field.ErrorList {
	return unique(validateCreate(obj))
}

// ValidateUpdate returns what is wrong with obj as the replacement of old,
// the stored object of the same kind.
func ValidateUpdate(obj, old runtime.Object) field.ErrorList {
	return unique(validateUpdate(obj, old))
}

// unique drops repeated errors: some rules are checked twice on the way (a
// pod update checks container images both as a pod and as an update), and
// Kubernetes reports each problem once.
func unique(errs field.ErrorList) field.ErrorList {
	seen := map[string]bool{}
	out := errs[:0]
	for _, e := range errs {
		if key := e.Error(); !seen[key] {
			seen[key] = true
			out = append(out, e)
		}
	}
	return out
}

func validateCreate(obj runtime.Object) field.ErrorList {
	switch o := obj.(type) {
	case *corev1.Pod:
		return validatePodCreate(o)
	case *corev1.Service:
		return validateServiceCreate(o)
	case *corev1.Endpoints:
		return validateEndpoints(o, nil)
	case *corev1.Namespace:
		return validateNamespace(o)
	case *corev1.Node:
		return validateNode(o)
	case *corev1.ConfigMap:
		return validateConfigMap(o)
	case *corev1.Secret:
		return validateSecret(o)
	case *corev1.Event:
		return validateEventCreate(o, coreEvents)
	case *eventsv1.Event:
		return validateEventCreate(eventconv.ToCore(o), eventsAPI)
	case *coordinationv1.Lease:
		return validateLease(o)
	}
	return nil
}

func validateUpdate(obj, old runtime.Object) field.ErrorList {
	switch o := obj.(type) {
	case *corev1.Pod:
		if prev, ok := old.(*corev1.Pod); ok {
			return WithCommonChecks(&o.ObjectMeta, &prev.ObjectMeta, true, validatePodUpdate(o, prev))
		}
	case *corev1.Service:
		if prev, ok := old.(*corev1.Service); ok {
			return WithCommonChecks(&o.ObjectMeta, &prev.ObjectMeta, true, validateServiceUpdate(o, prev))
		}
	case *corev1.Endpoints:
		if prev, ok := old.(*corev1.Endpoints); ok {
			return WithCommonChecks(&o.ObjectMeta, &prev.ObjectMeta, true,
				append(ValidateObjectMetaUpdate(&o.ObjectMeta, &prev.ObjectMeta, field.NewPath("metadata")), validateEndpoints(o, prev)...))
		}
	case *corev1.Namespace:
		if prev, ok := old.(*corev1.Namespace); ok {
			return WithCommonChecks(&o.ObjectMeta, &prev.ObjectMeta, false,
				append(validateNamespace(o), ValidateObjectMetaUpdate(&o.ObjectMeta, &prev.ObjectMeta, field.NewPath("metadata"))...))
		}
	case *corev1.Node:
		if prev, ok := old.(*corev1.Node); ok {
			return WithCommonChecks(&o.ObjectMeta, &prev.ObjectMeta, false, append(validateNode(o), validateNodeUpdate(o, prev)...))
		}
	case *corev1.ConfigMap:
		if prev, ok := old.(*corev1.ConfigMap); ok {
			return WithCommonChecks(&o.ObjectMeta, &prev.ObjectMeta, true, validateConfigMapUpdate(o, prev))
		}
	case *corev1.Secret:
		if prev, ok := old.(*corev1.Secret); ok {
			return WithCommonChecks(&o.ObjectMeta, &prev.ObjectMeta, true, validateSecretUpdate(o, prev))
		}
	case *corev1.Event:
		if prev, ok := old.(*corev1.Event); ok {
			return WithCommonChecks(&o.ObjectMeta, &prev.ObjectMeta, true, validateEventUpdate(o, prev, coreEvents))
		}
	case *eventsv1.Event:
		if prev, ok := old.(*eventsv1.Event); ok {
			return WithCommonChecks(&o.ObjectMeta, &prev.ObjectMeta, true, validateEventUpdate(eventconv.ToCore(o), eventconv.ToCore(prev), eventsAPI))
		}
	case *coordinationv1.Lease:
		if prev, ok := old.(*coordinationv1.Lease); ok {
			return WithCommonChecks(&o.ObjectMeta, &prev.ObjectMeta, true,
				append(genericObjectMetaUpdate(&o.ObjectMeta, &prev.ObjectMeta, field.NewPath("metadata")), validateLeaseSpec(&o.Spec, field.NewPath("spec"))...))
		}
	default:
		return nil
	}
	// A known kind compared with a stored object of another kind: a bug in
	// the caller, reported rather than ignored.
	return field.ErrorList{field.InternalError(field.NewPath(""), fmt.Errorf("cannot validate %T as an update of %T", obj, old))}
}

// WithCommonChecks puts first the metadata checks that the apiserver makes
// on every update whatever the kind (rest.ValidateUpdate in
// staging/src/k8s.io/apiserver/pkg/registry/rest/update.go), then the
// kind's own.
func WithCommonChecks(m, old *metav1.ObjectMeta, namespaced bool, kindErrs field.ErrorList) field.ErrorList {
	metaPath := field.NewPath("metadata")
	allErrs := genericObjectMeta(m, namespaced, pathSegmentName, metaPath)
	allErrs = append(allErrs, genericObjectMetaUpdate(m, old, metaPath)...)
	return append(allErrs, kindErrs...)
}
