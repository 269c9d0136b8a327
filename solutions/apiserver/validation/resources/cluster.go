// This file teaches the rules of the cluster-level kinds: a namespace's name
// is a DNS label (it appears in DNS names like nginx.default.svc), a node's
// taints and capacity must be well formed, an Endpoints address must be a
// routable IP, and a Lease (a node's heartbeat) has a positive duration. It
// mirrors ValidateNamespace, ValidateNode, ValidateEndpoints in Kubernetes
// v1.37 pkg/apis/core/validation/validation.go and ValidateLease in
// pkg/apis/coordination/validation/validation.go.

package resources

import (
	"strings"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

func validateNamespace(ns *corev1.Namespace) field.ErrorList {
	allErrs := ValidateObjectMeta(&ns.ObjectMeta, false, dnsLabelName, field.NewPath("metadata"))
	for _, f := range ns.Spec.Finalizers {
		p := field.NewPath("spec", "finalizers")
		allErrs = append(allErrs, apimachineryvalidation.ValidateFinalizerName(string(f), p)...)
		allErrs = append(allErrs, kubeFinalizerName(string(f), p)...)
	}
	return allErrs
}

func validateNode(node *corev1.Node) field.ErrorList {
	metaPath := field.NewPath("metadata")
	allErrs := ValidateObjectMeta(&node.ObjectMeta, false, DNSSubdomainName, metaPath)
	// Kubernetes reports taints under "metadata" (a historical slip, kept so
	// that the messages match).
	allErrs = append(allErrs, validateTaints(node.Spec.Taints, metaPath.Child("taints"))...)
	allErrs = append(allErrs, validateNodeResources(node)...)
	for i, cidr := range node.Spec.PodCIDRs {
		allErrs = append(allErrs, validation.IsValidCIDRForLegacyField(field.NewPath("spec", "podCIDRs").Index(i), cidr, true, nil)...)
	}
	return allErrs
}

// validateNodeUpdate adds to validateNode what an update must respect.
func validateNodeUpdate(node, old *corev1.Node) field.ErrorList {
	allErrs := ValidateObjectMetaUpdate(&node.ObjectMeta, &old.ObjectMeta, field.NewPath("metadata"))
	allErrs = append(allErrs, validateNodeResources(node)...)
	seen := map[corev1.NodeAddress]bool{}
	for i, a := range node.Status.Addresses {
		if seen[a] {
			allErrs = append(allErrs, field.Duplicate(field.NewPath("status", "addresses").Index(i), nodeAddressValue{Type: a.Type, Address: a.Address}))
		}
		seen[a] = true
	}
	// A node's pod range is assigned once (by the node IPAM controller).
	if len(old.Spec.PodCIDRs) > 0 && !equalStrings(old.Spec.PodCIDRs, node.Spec.PodCIDRs) {
		allErrs = append(allErrs, field.Forbidden(field.NewPath("spec", "podCIDRs"), "node updates may not change podCIDR except from \"\" to valid"))
	}
	if old.Spec.ProviderID != "" && node.Spec.ProviderID != "" && old.Spec.ProviderID != node.Spec.ProviderID {
		allErrs = append(allErrs, field.Invalid(field.NewPath("spec", "providerID"), nil, "field cannot be modified once set"))
	}
	if old.Spec.ProviderID != "" && node.Spec.ProviderID == "" {
		allErrs = append(allErrs, field.Invalid(field.NewPath("spec", "providerID"), nil, "field cannot be cleared once set"))
	}
	return append(allErrs, validateTaints(node.Spec.Taints, field.NewPath("metadata", "taints"))...)
}

// taintValue and nodeAddressValue are how Kubernetes prints a duplicate
// taint or address: as its internal type, which has no JSON names.
type taintValue struct {
	Key       string
	Value     string
	Effect    corev1.TaintEffect
	TimeAdded *metav1.Time
}

type nodeAddressValue struct {
	Type    corev1.NodeAddressType
	Address string
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// validateTaints: each taint has a valid key, value and effect, and a key
// appears once per effect.
func validateTaints(taints []corev1.Taint, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	seen := map[corev1.TaintEffect]map[string]bool{}
	for i, t := range taints {
		idxPath := fldPath.Index(i)
		allErrs = append(allErrs, metav1validation.ValidateLabelName(t.Key, idxPath.Child("key"))...)
		if errs := validation.IsValidLabelValue(t.Value); len(errs) != 0 {
			allErrs = append(allErrs, field.Invalid(idxPath.Child("value"), t.Value, strings.Join(errs, ";")))
		}
		if t.Effect == "" {
			allErrs = append(allErrs, field.Required(idxPath.Child("effect"), ""))
		} else {
			allErrs = append(allErrs, taintEffect(t.Effect, idxPath.Child("effect"))...)
		}
		if seen[t.Effect][t.Key] {
			dup := field.Duplicate(idxPath, taintValue{Key: t.Key, Value: t.Value, Effect: t.Effect, TimeAdded: t.TimeAdded})
			dup.Detail = "taints must be unique by key and effect pair"
			allErrs = append(allErrs, dup)
			continue
		}
		if seen[t.Effect] == nil {
			seen[t.Effect] = map[string]bool{}
		}
		seen[t.Effect][t.Key] = true
	}
	return allErrs
}

func validateNodeResources(node *corev1.Node) field.ErrorList {
	var allErrs field.ErrorList
	for _, name := range sortedNames(node.Status.Capacity) {
		allErrs = append(allErrs, resourceQuantity(name, node.Status.Capacity[name], field.NewPath("status", "capacity", string(name)))...)
	}
	for _, name := range sortedNames(node.Status.Allocatable) {
		allErrs = append(allErrs, resourceQuantity(name, node.Status.Allocatable[name], field.NewPath("status", "allocatable", string(name)))...)
	}
	return allErrs
}

// validateEndpoints: every subset has addresses, every address is a pod's
// routable IP, every port is in range. old is nil on create; on update,
// subsets stored by an older apiserver are not re-judged.
func validateEndpoints(ep, old *corev1.Endpoints) field.ErrorList {
	allErrs := ValidateObjectMeta(&ep.ObjectMeta, true, DNSSubdomainName, field.NewPath("metadata"))
	var subsetErrs field.ErrorList
	for i := range ep.Subsets {
		ss := &ep.Subsets[i]
		idxPath := field.NewPath("subsets").Index(i)
		if len(ss.Addresses) == 0 && len(ss.NotReadyAddresses) == 0 {
			subsetErrs = append(subsetErrs, field.Required(idxPath, "must specify `addresses` or `notReadyAddresses`"))
		}
		for j := range ss.Addresses {
			subsetErrs = append(subsetErrs, validateEndpointAddress(&ss.Addresses[j], idxPath.Child("addresses").Index(j))...)
		}
		for j := range ss.NotReadyAddresses {
			subsetErrs = append(subsetErrs, validateEndpointAddress(&ss.NotReadyAddresses[j], idxPath.Child("notReadyAddresses").Index(j))...)
		}
		for j := range ss.Ports {
			subsetErrs = append(subsetErrs, validateEndpointPort(&ss.Ports[j], len(ss.Ports) > 1, idxPath.Child("ports").Index(j))...)
		}
	}
	if len(subsetErrs) != 0 && old != nil && equalSubsets(old.Subsets, ep.Subsets) {
		subsetErrs = nil
	}
	return append(allErrs, subsetErrs...)
}

func equalSubsets(a, b []corev1.EndpointSubset) bool {
	return len(Immutable(a, b, field.NewPath(""))) == 0
}

func validateEndpointAddress(a *corev1.EndpointAddress, fldPath *field.Path) field.ErrorList {
	allErrs := validation.IsValidIPForLegacyField(fldPath.Child("ip"), a.IP, true, nil)
	if a.Hostname != "" {
		allErrs = append(allErrs, dnsLabel(a.Hostname, fldPath.Child("hostname"))...)
	}
	if a.NodeName != nil {
		for _, msg := range DNSSubdomainName(*a.NodeName, false) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("nodeName"), *a.NodeName, msg))
		}
	}
	return append(allErrs, endpointIP(a.IP, fldPath.Child("ip"))...)
}

func validateEndpointPort(p *corev1.EndpointPort, requireName bool, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if requireName && p.Name == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("name"), ""))
	} else if p.Name != "" {
		allErrs = append(allErrs, dnsLabel(p.Name, fldPath.Child("name"))...)
	}
	for _, msg := range validation.IsValidPortNum(int(p.Port)) {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("port"), p.Port, msg))
	}
	allErrs = append(allErrs, protocol(p.Protocol, fldPath.Child("protocol"))...)
	if p.AppProtocol != nil {
		allErrs = append(allErrs, qualifiedName(*p.AppProtocol, fldPath.Child("appProtocol"))...)
	}
	return allErrs
}

func validateLease(l *coordinationv1.Lease) field.ErrorList {
	allErrs := genericObjectMeta(&l.ObjectMeta, true, DNSSubdomainName, field.NewPath("metadata"))
	return append(allErrs, validateLeaseSpec(&l.Spec, field.NewPath("spec"))...)
}

func validateLeaseSpec(spec *coordinationv1.LeaseSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if d := spec.LeaseDurationSeconds; d != nil && *d <= 0 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("leaseDurationSeconds"), d, "must be greater than 0"))
	}
	if t := spec.LeaseTransitions; t != nil && *t < 0 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("leaseTransitions"), t, "must be greater than or equal to 0"))
	}
	// strategy and preferredHolder belong to coordinated leader election,
	// off by default in v1.37: the apiserver drops them (see package
	// defaulting) instead of validating them.
	return allErrs
}
