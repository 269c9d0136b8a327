// This file teaches where validation sits: after decoding and defaulting,
// before storage, one function per kind for a create and one for an update
// (which may also compare the new object with the stored one). The kinds
// whose rules the lesson does not teach are validated the same way by
// package validation/resources.

package validation

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kubeling/kubeling/solutions/apiserver/validation/resources"
)

// ValidateCreate returns what is wrong with obj as a new object.
func ValidateCreate(obj runtime.Object) field.ErrorList {
	switch o := obj.(type) {
	case *appsv1.Deployment:
		return validateDeployment(o)
	case *appsv1.ReplicaSet:
		return validateReplicaSet(o)
	case *corev1.ReplicationController:
		return validateReplicationController(o)
	}
	return resources.ValidateCreate(obj)
}

// ValidateUpdate returns what is wrong with obj as the replacement of old,
// the stored object of the same kind. The metadata checks the apiserver
// makes on every update, whatever the kind, come first.
func ValidateUpdate(obj, old runtime.Object) field.ErrorList {
	switch o := obj.(type) {
	case *appsv1.Deployment:
		if prev, ok := old.(*appsv1.Deployment); ok {
			return resources.WithCommonChecks(&o.ObjectMeta, &prev.ObjectMeta, true, validateDeploymentUpdate(o, prev))
		}
	case *appsv1.ReplicaSet:
		if prev, ok := old.(*appsv1.ReplicaSet); ok {
			return resources.WithCommonChecks(&o.ObjectMeta, &prev.ObjectMeta, true, validateReplicaSetUpdate(o, prev))
		}
	case *corev1.ReplicationController:
		if prev, ok := old.(*corev1.ReplicationController); ok {
			return resources.WithCommonChecks(&o.ObjectMeta, &prev.ObjectMeta, true, validateReplicationControllerUpdate(o, prev))
		}
	default:
		return resources.ValidateUpdate(obj, old)
	}
	// A known kind compared with a stored object of another kind: a bug in
	// the caller, reported rather than ignored.
	return field.ErrorList{field.InternalError(field.NewPath(""), fmt.Errorf("cannot validate %T as an update of %T", obj, old))}
}
