// This file teaches the rules every object's metadata follows: a name (or a
// generateName prefix) in the format its kind requires, a namespace exactly
// when the kind is namespaced, well-formed labels, annotations, owner
// references and finalizers — and, on update, the fields that never change.
// It mirrors ValidateObjectMeta and ValidateObjectMetaUpdate in
// staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go and
// their wrappers in Kubernetes v1.37 pkg/apis/core/validation/validation.go.

package resources

import (
	"strings"

	apiequality "k8s.io/apimachinery/pkg/api/equality"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/api/validation/path"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// NameFunc checks a name and returns what is wrong with it. prefix says the
// value is a generateName, which may end in "-" since random characters
// follow.
type NameFunc func(name string, prefix bool) []string

// DNSSubdomainName is the rule for most kinds (pods, deployments, config
// maps, nodes...): up to 253 lowercase letters, digits, '-' and '.'.
func DNSSubdomainName(name string, prefix bool) []string {
	if prefix {
		name = maskTrailingDash(name)
	}
	return validation.IsDNS1123Subdomain(name)
}

// dnsLabelName is the stricter rule for names that become a DNS label or a
// path component: namespaces and services. Up to 63 characters, no dots.
func dnsLabelName(name string, prefix bool) []string {
	if prefix {
		name = maskTrailingDash(name)
	}
	return validation.IsDNS1123Label(name)
}

// pathSegmentName is the least a name must be: usable as one segment of a
// URL path (not "." or "..", no "/" or "%").
func pathSegmentName(name string, prefix bool) []string {
	if prefix {
		return path.IsValidPathSegmentPrefix(name)
	}
	return path.IsValidPathSegmentName(name)
}

// maskTrailingDash lets a generateName prefix end in "-" by checking it as
// if it ended in a letter.
func maskTrailingDash(name string) string {
	if len(name) > 1 && strings.HasSuffix(name, "-") {
		return name[:len(name)-2] + "a"
	}
	return name
}

// ValidateObjectMeta checks the metadata of a new object of a core or apps
// kind; on top of genericObjectMeta, finalizers without a domain must be
// one of Kubernetes' own.
func ValidateObjectMeta(m *metav1.ObjectMeta, namespaced bool, nameFn NameFunc, fldPath *field.Path) field.ErrorList {
	allErrs := genericObjectMeta(m, namespaced, nameFn, fldPath)
	for i, f := range m.Finalizers {
		allErrs = append(allErrs, kubeFinalizerName(f, fldPath.Child("finalizers").Index(i))...)
	}
	return allErrs
}

// genericObjectMeta checks the metadata of a new object.
func genericObjectMeta(m *metav1.ObjectMeta, namespaced bool, nameFn NameFunc, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if m.GenerateName != "" {
		for _, msg := range nameFn(m.GenerateName, true) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("generateName"), m.GenerateName, msg))
		}
	}
	if m.Name == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("name"), "name or generateName is required"))
	} else {
		for _, msg := range nameFn(m.Name, false) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("name"), m.Name, msg))
		}
	}

	if namespaced {
		if m.Namespace == "" {
			allErrs = append(allErrs, field.Required(fldPath.Child("namespace"), ""))
		} else {
			for _, msg := range dnsLabelName(m.Namespace, false) {
				allErrs = append(allErrs, field.Invalid(fldPath.Child("namespace"), m.Namespace, msg))
			}
		}
	} else if m.Namespace != "" {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("namespace"), "not allowed on this type"))
	}

	allErrs = append(allErrs, NonNegative(m.Generation, fldPath.Child("generation"))...)
	allErrs = append(allErrs, metav1validation.ValidateLabels(m.Labels, fldPath.Child("labels"))...)
	allErrs = append(allErrs, apimachineryvalidation.ValidateAnnotations(m.Annotations, fldPath.Child("annotations"))...)
	allErrs = append(allErrs, apimachineryvalidation.ValidateOwnerReferences(m.OwnerReferences, fldPath.Child("ownerReferences"))...)
	allErrs = append(allErrs, apimachineryvalidation.ValidateFinalizers(m.Finalizers, fldPath.Child("finalizers"))...)
	return allErrs
}

// kubeFinalizerName: a finalizer without a "domain/" must be one that
// Kubernetes itself knows ("kubernetes", "orphan", "foregroundDeletion").
func kubeFinalizerName(name string, fldPath *field.Path) field.ErrorList {
	if strings.Contains(name, "/") {
		return nil
	}
	switch name {
	case "kubernetes", metav1.FinalizerOrphanDependents, metav1.FinalizerDeleteDependents:
		return nil
	}
	return field.ErrorList{field.Invalid(fldPath, name, "name is neither a standard finalizer name nor is it fully qualified")}
}

// ValidateObjectMetaUpdate checks new metadata against the stored one, for
// core and apps kinds.
func ValidateObjectMetaUpdate(m, old *metav1.ObjectMeta, fldPath *field.Path) field.ErrorList {
	allErrs := genericObjectMetaUpdate(m, old, fldPath)
	for i, f := range m.Finalizers {
		allErrs = append(allErrs, kubeFinalizerName(f, fldPath.Child("finalizers").Index(i))...)
	}
	return allErrs
}

// genericObjectMetaUpdate checks new metadata against the stored one.
//
// Kubernetes' update path copies uid, creationTimestamp, deletionTimestamp
// and deletionGracePeriodSeconds from the stored object when the client
// left them out (rest.BeforeUpdate), so an empty value here counts as "not
// changed" rather than as a change.
func genericObjectMetaUpdate(m, old *metav1.ObjectMeta, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if old.DeletionTimestamp != nil {
		// Nothing may start blocking a deletion already under way.
		allErrs = append(allErrs, apimachineryvalidation.ValidateNoNewFinalizers(m.Finalizers, old.Finalizers, fldPath.Child("finalizers"))...)
	}
	if m.ResourceVersion == "" {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("resourceVersion"), m.ResourceVersion, "must be specified for an update"))
	}
	allErrs = append(allErrs, NonNegative(m.Generation, fldPath.Child("generation"))...)
	if m.Generation < old.Generation {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("generation"), m.Generation, "must not be decremented"))
	}

	allErrs = append(allErrs, Immutable(m.Name, old.Name, fldPath.Child("name"))...)
	allErrs = append(allErrs, Immutable(m.Namespace, old.Namespace, fldPath.Child("namespace"))...)
	if m.UID != "" {
		allErrs = append(allErrs, Immutable(m.UID, old.UID, fldPath.Child("uid"))...)
	}
	if !m.CreationTimestamp.IsZero() && !old.CreationTimestamp.IsZero() {
		allErrs = append(allErrs, Immutable(m.CreationTimestamp, old.CreationTimestamp, fldPath.Child("creationTimestamp"))...)
	}
	if old.DeletionTimestamp == nil || m.DeletionTimestamp != nil {
		allErrs = append(allErrs, Immutable(m.DeletionTimestamp, old.DeletionTimestamp, fldPath.Child("deletionTimestamp"))...)
	}
	if old.DeletionGracePeriodSeconds == nil || m.DeletionGracePeriodSeconds != nil {
		allErrs = append(allErrs, Immutable(m.DeletionGracePeriodSeconds, old.DeletionGracePeriodSeconds, fldPath.Child("deletionGracePeriodSeconds"))...)
	}

	allErrs = append(allErrs, metav1validation.ValidateLabels(m.Labels, fldPath.Child("labels"))...)
	allErrs = append(allErrs, apimachineryvalidation.ValidateAnnotations(m.Annotations, fldPath.Child("annotations"))...)
	allErrs = append(allErrs, apimachineryvalidation.ValidateOwnerReferences(m.OwnerReferences, fldPath.Child("ownerReferences"))...)
	return allErrs
}

// Immutable reports a field whose value changed. Values are compared as
// Kubernetes does (apiequality.Semantic: 1000m equals 1, times to the
// second).
func Immutable(value, old interface{}, fldPath *field.Path) field.ErrorList {
	if apiequality.Semantic.DeepEqual(old, value) {
		return nil
	}
	return field.ErrorList{field.Invalid(fldPath, value, "field is immutable")}
}

// NonNegative reports a negative number.
func NonNegative(value int64, fldPath *field.Path) field.ErrorList {
	if value < 0 {
		return field.ErrorList{field.Invalid(fldPath, value, "must be greater than or equal to 0")}
	}
	return nil
}

// dnsLabel and dnsSubdomain report a field value (not a name) that is not a
// DNS label or subdomain.
func dnsLabel(value string, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	for _, msg := range validation.IsDNS1123Label(value) {
		allErrs = append(allErrs, field.Invalid(fldPath, value, msg))
	}
	return allErrs
}

func dnsSubdomain(value string, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	for _, msg := range validation.IsDNS1123Subdomain(value) {
		allErrs = append(allErrs, field.Invalid(fldPath, value, msg))
	}
	return allErrs
}

func qualifiedName(value string, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	for _, msg := range validation.IsQualifiedName(value) {
		allErrs = append(allErrs, field.Invalid(fldPath, value, msg))
	}
	return allErrs
}
