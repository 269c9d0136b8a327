// This file teaches the contract between a controller and its pods: a
// Deployment or ReplicaSet finds its pods by spec.selector, so the pods it
// creates from spec.template must match that selector — or the controller
// would create pods it cannot see, forever. The pod template, the update
// strategy and the metadata are checked by package validation/resources,
// with every other kind. It mirrors ValidateDeployment,
// ValidateReplicaSet and ValidatePodTemplateSpecForReplicaSet in
// Kubernetes v1.37 pkg/apis/apps/validation/validation.go, and
// ValidateReplicationController and ValidatePodTemplateSpecForRC in
// pkg/apis/core/validation/validation.go.

package validation

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kubeling/kubeling/solutions/apiserver/validation/resources"
)

func validateDeployment(d *appsv1.Deployment) field.ErrorList {
	allErrs := resources.ValidateObjectMeta(&d.ObjectMeta, true, resources.DNSSubdomainName, field.NewPath("metadata"))
	return append(allErrs, validateDeploymentSpec(&d.Spec, field.NewPath("spec"))...)
}

func validateDeploymentUpdate(d, old *appsv1.Deployment) field.ErrorList {
	allErrs := resources.ValidateObjectMetaUpdate(&d.ObjectMeta, &old.ObjectMeta, field.NewPath("metadata"))
	allErrs = append(allErrs, validateDeploymentSpec(&d.Spec, field.NewPath("spec"))...)
	// Changing the selector would orphan every existing pod (apps/v1).
	return append(allErrs, resources.Immutable(d.Spec.Selector, old.Spec.Selector, field.NewPath("spec", "selector"))...)
}

func validateDeploymentSpec(spec *appsv1.DeploymentSpec, fldPath *field.Path) field.ErrorList {
	allErrs := resources.NonNegative(int64(replicas(spec.Replicas)), fldPath.Child("replicas"))
	allErrs = append(allErrs, validateSelector(spec.Selector, fldPath.Child("selector"))...)
	selector, err := metav1.LabelSelectorAsSelector(spec.Selector)
	if err != nil {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("selector"), spec.Selector, "invalid label selector"))
	} else {
		allErrs = append(allErrs, validatePodTemplateForReplicaSet(&spec.Template, selector, fldPath.Child("template"))...)
	}
	allErrs = append(allErrs, resources.ValidateDeploymentStrategy(&spec.Strategy, fldPath.Child("strategy"))...)
	allErrs = append(allErrs, resources.NonNegative(int64(spec.MinReadySeconds), fldPath.Child("minReadySeconds"))...)
	if spec.RevisionHistoryLimit != nil {
		allErrs = append(allErrs, resources.NonNegative(int64(*spec.RevisionHistoryLimit), fldPath.Child("revisionHistoryLimit"))...)
	}
	if d := spec.ProgressDeadlineSeconds; d != nil {
		allErrs = append(allErrs, resources.NonNegative(int64(*d), fldPath.Child("progressDeadlineSeconds"))...)
		if *d <= spec.MinReadySeconds {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("progressDeadlineSeconds"), d, "must be greater than minReadySeconds"))
		}
	}
	return allErrs
}

func validateReplicaSet(rs *appsv1.ReplicaSet) field.ErrorList {
	allErrs := resources.ValidateObjectMeta(&rs.ObjectMeta, true, resources.DNSSubdomainName, field.NewPath("metadata"))
	return append(allErrs, validateReplicaSetSpec(&rs.Spec, field.NewPath("spec"))...)
}

func validateReplicaSetUpdate(rs, old *appsv1.ReplicaSet) field.ErrorList {
	allErrs := resources.ValidateObjectMetaUpdate(&rs.ObjectMeta, &old.ObjectMeta, field.NewPath("metadata"))
	allErrs = append(allErrs, validateReplicaSetSpec(&rs.Spec, field.NewPath("spec"))...)
	return append(allErrs, resources.Immutable(rs.Spec.Selector, old.Spec.Selector, field.NewPath("spec", "selector"))...)
}

func validateReplicaSetSpec(spec *appsv1.ReplicaSetSpec, fldPath *field.Path) field.ErrorList {
	allErrs := resources.NonNegative(int64(replicas(spec.Replicas)), fldPath.Child("replicas"))
	allErrs = append(allErrs, resources.NonNegative(int64(spec.MinReadySeconds), fldPath.Child("minReadySeconds"))...)
	allErrs = append(allErrs, validateSelector(spec.Selector, fldPath.Child("selector"))...)
	selector, err := metav1.LabelSelectorAsSelector(spec.Selector)
	if err != nil {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("selector"), spec.Selector, "invalid label selector"))
	} else {
		allErrs = append(allErrs, validatePodTemplateForReplicaSet(&spec.Template, selector, fldPath.Child("template"))...)
	}
	return allErrs
}

// validateReplicationController checks the core/v1 forerunner of the
// ReplicaSet. Its selector is a plain map of labels, and its template a
// pointer that may be missing. Kubernetes v1.37 checks an RC's name and
// replica counts with its declarative rules, which report after the
// others: so they come last here too, in the order a user reads them in
// the 422.
func validateReplicationController(rc *corev1.ReplicationController) field.ErrorList {
	metaPath, specPath := field.NewPath("metadata"), field.NewPath("spec")
	allErrs := resources.ValidateObjectMeta(&rc.ObjectMeta, true, nameCheckedLater, metaPath)
	allErrs = append(allErrs, validateReplicationControllerSpec(&rc.Spec, specPath)...)
	for _, msg := range resources.DNSSubdomainName(rc.Name, false) {
		allErrs = append(allErrs, field.Invalid(metaPath.Child("name"), rc.Name, msg))
	}
	return append(allErrs, validateReplicationControllerCounts(&rc.Spec, specPath)...)
}

// validateReplicationControllerUpdate: unlike a ReplicaSet's, an RC's
// selector may change (core/v1 predates that rule).
func validateReplicationControllerUpdate(rc, old *corev1.ReplicationController) field.ErrorList {
	specPath := field.NewPath("spec")
	allErrs := resources.ValidateObjectMetaUpdate(&rc.ObjectMeta, &old.ObjectMeta, field.NewPath("metadata"))
	allErrs = append(allErrs, validateReplicationControllerSpec(&rc.Spec, specPath)...)
	return append(allErrs, validateReplicationControllerCounts(&rc.Spec, specPath)...)
}

// validateReplicationControllerSpec: the selector must select something,
// and the template must exist and make pods the selector selects.
func validateReplicationControllerSpec(spec *corev1.ReplicationControllerSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	selector := labels.Set(spec.Selector).AsSelector()
	if selector.Empty() {
		allErrs = append(allErrs, field.Required(fldPath.Child("selector"), ""))
	}
	if spec.Template == nil {
		return append(allErrs, field.Required(fldPath.Child("template"), ""))
	}
	return append(allErrs, validatePodTemplateForController(spec.Template, selector, fldPath.Child("template"), "ReplicationController")...)
}

// validateReplicationControllerCounts: replicas is required (defaulting
// sets it to 1) and, like minReadySeconds, not negative.
func validateReplicationControllerCounts(spec *corev1.ReplicationControllerSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if spec.Replicas == nil {
		allErrs = append(allErrs, field.Required(fldPath.Child("replicas"), ""))
	} else {
		allErrs = append(allErrs, resources.NonNegative(int64(*spec.Replicas), fldPath.Child("replicas"))...)
	}
	return append(allErrs, resources.NonNegative(int64(spec.MinReadySeconds), fldPath.Child("minReadySeconds"))...)
}

// nameCheckedLater skips the name in the metadata checks, for a kind whose
// name Kubernetes checks after its spec. A generateName is not checked at
// all: only the name made from it is.
func nameCheckedLater(string, bool) []string { return nil }

// validateSelector: a controller's selector is required and must select
// something. (Kubernetes says "deployment" for ReplicaSets too.)
func validateSelector(s *metav1.LabelSelector, fldPath *field.Path) field.ErrorList {
	if s == nil {
		return field.ErrorList{field.Required(fldPath, "")}
	}
	allErrs := metav1validation.ValidateLabelSelector(s, metav1validation.LabelSelectorValidationOptions{}, fldPath)
	if len(s.MatchLabels)+len(s.MatchExpressions) == 0 {
		allErrs = append(allErrs, field.Invalid(fldPath, s, "empty selector is invalid for deployment"))
	}
	return allErrs
}

// validatePodTemplateForReplicaSet checks the pod template of a Deployment
// or ReplicaSet: its labels must match the controller's selector, it must be
// a valid pod, and its pods must run forever (restartPolicy Always, no
// deadline), since the controller exists to keep them running.
func validatePodTemplateForReplicaSet(template *corev1.PodTemplateSpec, selector labels.Selector, fldPath *field.Path) field.ErrorList {
	return validatePodTemplateForController(template, selector, fldPath, "ReplicaSet")
}

// validatePodTemplateForController is the template check every replica
// controller shares; kind names it in the activeDeadlineSeconds message.
func validatePodTemplateForController(template *corev1.PodTemplateSpec, selector labels.Selector, fldPath *field.Path, kind string) field.ErrorList {
	allErrs := selectorMatchesTemplate(selector, template, fldPath)
	allErrs = append(allErrs, resources.ValidatePodTemplateSpec(template, fldPath)...)
	if template.Spec.RestartPolicy != corev1.RestartPolicyAlways {
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("spec", "restartPolicy"), template.Spec.RestartPolicy, []string{string(corev1.RestartPolicyAlways)}))
	}
	if template.Spec.ActiveDeadlineSeconds != nil {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in "+kind+" is not Supported"))
	}
	return allErrs
}

// selectorMatchesTemplate reports a template whose pods the selector would
// not select.
func selectorMatchesTemplate(selector labels.Selector, template *corev1.PodTemplateSpec, fldPath *field.Path) field.ErrorList {
	// TODO(chapter 2): write selector-matches-template.
	// Hint: A workload must own the pods it makes: if its selector did not match its template's
	// Hint: labels, its controller would create pods forever without ever counting them. An empty
	// Hint: selector is left to the other checks; a missing one matches nothing. The refusal is
	// Hint: Kubernetes' own, on the template's metadata.labels with the message "`selector` does not
	// Hint: match template `labels`", which is what users search for.
	panic("TODO(chapter 2): selector-matches-template is not written yet (see chapters/02-apiserver/README.md)")
}

func replicas(r *int32) int32 {
	if r == nil {
		return 0
	}
	return *r
}
