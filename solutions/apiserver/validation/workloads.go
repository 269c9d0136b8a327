// This file teaches the contract between a controller and its pods: a
// Deployment or ReplicaSet finds its pods by spec.selector, so the pods it
// creates from spec.template must match that selector — or the controller
// would create pods it cannot see, forever. It also checks the rolling
// update knobs (maxSurge and maxUnavailable cannot both be 0, or a rollout
// could never make progress). It mirrors ValidateDeployment,
// ValidateReplicaSet and ValidatePodTemplateSpecForReplicaSet in
// Kubernetes v1.37 pkg/apis/apps/validation/validation.go.

package validation

import (
	"strconv"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

func validateDeployment(d *appsv1.Deployment) field.ErrorList {
	allErrs := validateObjectMeta(&d.ObjectMeta, true, dnsSubdomainName, field.NewPath("metadata"))
	return append(allErrs, validateDeploymentSpec(&d.Spec, field.NewPath("spec"))...)
}

func validateDeploymentUpdate(d, old *appsv1.Deployment) field.ErrorList {
	allErrs := validateObjectMetaUpdate(&d.ObjectMeta, &old.ObjectMeta, field.NewPath("metadata"))
	allErrs = append(allErrs, validateDeploymentSpec(&d.Spec, field.NewPath("spec"))...)
	// Changing the selector would orphan every existing pod (apps/v1).
	return append(allErrs, immutable(d.Spec.Selector, old.Spec.Selector, field.NewPath("spec", "selector"))...)
}

func validateDeploymentSpec(spec *appsv1.DeploymentSpec, fldPath *field.Path) field.ErrorList {
	allErrs := nonNegative(int64(replicas(spec.Replicas)), fldPath.Child("replicas"))
	allErrs = append(allErrs, validateSelector(spec.Selector, fldPath.Child("selector"))...)
	selector, err := metav1.LabelSelectorAsSelector(spec.Selector)
	if err != nil {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("selector"), spec.Selector, "invalid label selector"))
	} else {
		allErrs = append(allErrs, validatePodTemplateForReplicaSet(&spec.Template, selector, fldPath.Child("template"))...)
	}
	allErrs = append(allErrs, validateDeploymentStrategy(&spec.Strategy, fldPath.Child("strategy"))...)
	allErrs = append(allErrs, nonNegative(int64(spec.MinReadySeconds), fldPath.Child("minReadySeconds"))...)
	if spec.RevisionHistoryLimit != nil {
		allErrs = append(allErrs, nonNegative(int64(*spec.RevisionHistoryLimit), fldPath.Child("revisionHistoryLimit"))...)
	}
	if d := spec.ProgressDeadlineSeconds; d != nil {
		allErrs = append(allErrs, nonNegative(int64(*d), fldPath.Child("progressDeadlineSeconds"))...)
		if *d <= spec.MinReadySeconds {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("progressDeadlineSeconds"), d, "must be greater than minReadySeconds"))
		}
	}
	return allErrs
}

func validateReplicaSet(rs *appsv1.ReplicaSet) field.ErrorList {
	allErrs := validateObjectMeta(&rs.ObjectMeta, true, dnsSubdomainName, field.NewPath("metadata"))
	return append(allErrs, validateReplicaSetSpec(&rs.Spec, field.NewPath("spec"))...)
}

func validateReplicaSetUpdate(rs, old *appsv1.ReplicaSet) field.ErrorList {
	allErrs := validateObjectMetaUpdate(&rs.ObjectMeta, &old.ObjectMeta, field.NewPath("metadata"))
	allErrs = append(allErrs, validateReplicaSetSpec(&rs.Spec, field.NewPath("spec"))...)
	return append(allErrs, immutable(rs.Spec.Selector, old.Spec.Selector, field.NewPath("spec", "selector"))...)
}

func validateReplicaSetSpec(spec *appsv1.ReplicaSetSpec, fldPath *field.Path) field.ErrorList {
	allErrs := nonNegative(int64(replicas(spec.Replicas)), fldPath.Child("replicas"))
	allErrs = append(allErrs, nonNegative(int64(spec.MinReadySeconds), fldPath.Child("minReadySeconds"))...)
	allErrs = append(allErrs, validateSelector(spec.Selector, fldPath.Child("selector"))...)
	selector, err := metav1.LabelSelectorAsSelector(spec.Selector)
	if err != nil {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("selector"), spec.Selector, "invalid label selector"))
	} else {
		allErrs = append(allErrs, validatePodTemplateForReplicaSet(&spec.Template, selector, fldPath.Child("template"))...)
	}
	return allErrs
}

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
	allErrs := selectorMatchesTemplate(selector, template, fldPath)
	allErrs = append(allErrs, validatePodTemplateSpec(template, fldPath)...)
	if template.Spec.RestartPolicy != corev1.RestartPolicyAlways {
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("spec", "restartPolicy"), template.Spec.RestartPolicy, []string{string(corev1.RestartPolicyAlways)}))
	}
	if template.Spec.ActiveDeadlineSeconds != nil {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in ReplicaSet is not Supported"))
	}
	return allErrs
}

// validatePodTemplateSpec checks a pod template: its labels and annotations
// (at "labels", not "metadata.labels", as Kubernetes reports them) and its
// pod spec.
func validatePodTemplateSpec(template *corev1.PodTemplateSpec, fldPath *field.Path) field.ErrorList {
	allErrs := metav1validation.ValidateLabels(template.Labels, fldPath.Child("labels"))
	allErrs = append(allErrs, apimachineryvalidation.ValidateAnnotations(template.Annotations, fldPath.Child("annotations"))...)
	allErrs = append(allErrs, validatePodSpec(&template.Spec, fldPath.Child("spec"))...)
	if len(template.Spec.EphemeralContainers) > 0 {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("spec", "ephemeralContainers"), "ephemeral containers not allowed in pod template"))
	}
	return allErrs
}

// selectorMatchesTemplate reports a template whose pods the selector would
// not select.
func selectorMatchesTemplate(selector labels.Selector, template *corev1.PodTemplateSpec, fldPath *field.Path) field.ErrorList {
	// lab:begin selector-matches-template
	// hint: A workload must own the pods it makes: if its selector did not match its template's
	// hint: labels, its controller would create pods forever without ever counting them. An empty
	// hint: selector is left to the other checks; a missing one matches nothing. The refusal is
	// hint: Kubernetes' own, on the template's metadata.labels with the message "`selector` does not
	// hint: match template `labels`", which is what users search for.
	if selector.Empty() || selector.Matches(labels.Set(template.Labels)) {
		return nil
	}
	return field.ErrorList{field.Invalid(fldPath.Child("metadata", "labels"), template.Labels,
		"`selector` does not match template `labels`")}
	// lab:end
}

// deploymentStrategyValue is how Kubernetes prints a strategy in an error:
// its internal type, which has no JSON names.
type deploymentStrategyValue struct {
	Type          appsv1.DeploymentStrategyType
	RollingUpdate *rollingUpdateValue
}

type rollingUpdateValue struct {
	MaxUnavailable intstr.IntOrString
	MaxSurge       intstr.IntOrString
}

func validateDeploymentStrategy(s *appsv1.DeploymentStrategy, fldPath *field.Path) field.ErrorList {
	switch s.Type {
	case appsv1.RecreateDeploymentStrategyType:
		if s.RollingUpdate != nil {
			return field.ErrorList{field.Forbidden(fldPath.Child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'")}
		}
		return nil
	case appsv1.RollingUpdateDeploymentStrategyType:
		if s.RollingUpdate == nil {
			return field.ErrorList{field.Required(fldPath.Child("rollingUpdate"), "this should be defaulted and never be nil")}
		}
		return validateRollingUpdate(s.RollingUpdate, fldPath.Child("rollingUpdate"))
	}
	value := deploymentStrategyValue{Type: s.Type}
	if ru := s.RollingUpdate; ru != nil {
		value.RollingUpdate = &rollingUpdateValue{MaxUnavailable: intOrZero(ru.MaxUnavailable), MaxSurge: intOrZero(ru.MaxSurge)}
	}
	return field.ErrorList{field.NotSupported(fldPath, value, []string{string(appsv1.RecreateDeploymentStrategyType), string(appsv1.RollingUpdateDeploymentStrategyType)})}
}

// validateRollingUpdate: maxSurge and maxUnavailable are counts or
// percentages of the desired replicas; at least one must allow progress,
// and no more than all pods may be unavailable.
func validateRollingUpdate(ru *appsv1.RollingUpdateDeployment, fldPath *field.Path) field.ErrorList {
	maxUnavailable, maxSurge := intOrZero(ru.MaxUnavailable), intOrZero(ru.MaxSurge)
	allErrs := intOrPercent(maxUnavailable, fldPath.Child("maxUnavailable"))
	allErrs = append(allErrs, intOrPercent(maxSurge, fldPath.Child("maxSurge"))...)
	if intOrPercentValue(maxUnavailable) == 0 && intOrPercentValue(maxSurge) == 0 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("maxUnavailable"), maxUnavailable, "may not be 0 when `maxSurge` is 0"))
	}
	if v, ok := percent(maxUnavailable); ok && v > 100 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("maxUnavailable"), maxUnavailable, "must not be greater than 100%"))
	}
	return allErrs
}

func intOrPercent(v intstr.IntOrString, fldPath *field.Path) field.ErrorList {
	if v.Type == intstr.String {
		var allErrs field.ErrorList
		for _, msg := range validation.IsValidPercent(v.StrVal) {
			allErrs = append(allErrs, field.Invalid(fldPath, v, msg))
		}
		return allErrs
	}
	return nonNegative(int64(v.IntValue()), fldPath)
}

// percent returns the number of a valid percentage ("25%" → 25).
func percent(v intstr.IntOrString) (int, bool) {
	if v.Type != intstr.String || len(validation.IsValidPercent(v.StrVal)) != 0 {
		return 0, false
	}
	n, _ := strconv.Atoi(v.StrVal[:len(v.StrVal)-1])
	return n, true
}

func intOrPercentValue(v intstr.IntOrString) int {
	if n, ok := percent(v); ok {
		return n
	}
	return v.IntValue()
}

func intOrZero(v *intstr.IntOrString) intstr.IntOrString {
	if v == nil {
		return intstr.IntOrString{}
	}
	return *v
}

func replicas(r *int32) int32 {
	if r == nil {
		return 0
	}
	return *r
}
