// This file teaches what else a conformant cluster's API holds. Kubernetes'
// own e2e suite checks (Discovery "should locate the groupVersion and a
// resource within each APIGroup") that every cluster serves one resource of
// each of its API groups: Jobs, Ingresses, CertificateSigningRequests...
// The generic store serves them like any resource, so they are stored,
// listed, watched and patched as Kubernetes does. What acts on them (the
// job controller, the autoscaler, admission webhooks, the serving of custom
// resources, API aggregation) is not part of the teaching cluster: they are
// records that nothing acts on, as a Deployment is until chapter 06.

package resources

import (
	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	batchv1 "k8s.io/api/batch/v1"
	certificatesv1 "k8s.io/api/certificates/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	networkingv1 "k8s.io/api/networking/v1"
	nodev1 "k8s.io/api/node/v1"
	policyv1 "k8s.io/api/policy/v1"
	schedulingv1 "k8s.io/api/scheduling/v1"
	storagev1 "k8s.io/api/storage/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubeling/kubeling/solutions/apiserver/registry"
)

// Catalogue returns the resources of this package, in the order discovery
// lists them after package registry's. Where a group has two versions
// (autoscaling), the preferred one comes first.
func Catalogue() []*registry.Resource {
	out := events()
	out = append(out, validatingWebhookConfigurations())
	out = append(out, extensionResources()...)
	out = append(out, reviews()...)
	out = append(out, horizontalPodAutoscalers()...)
	return append(out, jobs(), certificateSigningRequests(), endpointSlices(), ingresses(),
		runtimeClasses(), podDisruptionBudgets(), priorityClasses(), csiNodes())
}

func validatingWebhookConfigurations() *registry.Resource {
	return &registry.Resource{
		GroupVersion: admissionregistrationv1.SchemeGroupVersion, Name: "validatingwebhookconfigurations",
		SingularName: "validatingwebhookconfiguration", Kind: "ValidatingWebhookConfiguration",
		Categories: []string{"api-extensions"}, TracksGeneration: true,
		New:     func() runtime.Object { return &admissionregistrationv1.ValidatingWebhookConfiguration{} },
		NewList: func() runtime.Object { return &admissionregistrationv1.ValidatingWebhookConfigurationList{} },
	}
}

func jobs() *registry.Resource {
	return &registry.Resource{
		GroupVersion: batchv1.SchemeGroupVersion, Name: "jobs", SingularName: "job", Kind: "Job", Namespaced: true,
		Categories: []string{"all"}, Subresources: []string{"status"}, TracksGeneration: true,
		// batch/v1 keeps a Job's pods when a DELETE names no policy, as
		// it did before the garbage collector (kubectl names Background).
		DefaultGarbageCollectionPolicy: registry.OrphanDependents,
		New:                            func() runtime.Object { return &batchv1.Job{} },
		NewList:                        func() runtime.Object { return &batchv1.JobList{} },
		PrepareForCreate:               func(obj runtime.Object) { obj.(*batchv1.Job).Status = batchv1.JobStatus{} },
	}
}

func certificateSigningRequests() *registry.Resource {
	return &registry.Resource{
		GroupVersion: certificatesv1.SchemeGroupVersion, Name: "certificatesigningrequests", SingularName: "certificatesigningrequest",
		Kind: "CertificateSigningRequest", ShortNames: []string{"csr"}, Subresources: []string{"status"},
		New:     func() runtime.Object { return &certificatesv1.CertificateSigningRequest{} },
		NewList: func() runtime.Object { return &certificatesv1.CertificateSigningRequestList{} },
		PrepareForCreate: func(obj runtime.Object) {
			obj.(*certificatesv1.CertificateSigningRequest).Status = certificatesv1.CertificateSigningRequestStatus{}
		},
	}
}

func endpointSlices() *registry.Resource {
	return &registry.Resource{
		GroupVersion: discoveryv1.SchemeGroupVersion, Name: "endpointslices", SingularName: "endpointslice",
		Kind: "EndpointSlice", Namespaced: true,
		New:     func() runtime.Object { return &discoveryv1.EndpointSlice{} },
		NewList: func() runtime.Object { return &discoveryv1.EndpointSliceList{} },
	}
}

func ingresses() *registry.Resource {
	return &registry.Resource{
		GroupVersion: networkingv1.SchemeGroupVersion, Name: "ingresses", SingularName: "ingress", Kind: "Ingress",
		Namespaced: true, ShortNames: []string{"ing"}, Subresources: []string{"status"}, TracksGeneration: true,
		New:              func() runtime.Object { return &networkingv1.Ingress{} },
		NewList:          func() runtime.Object { return &networkingv1.IngressList{} },
		PrepareForCreate: func(obj runtime.Object) { obj.(*networkingv1.Ingress).Status = networkingv1.IngressStatus{} },
	}
}

func runtimeClasses() *registry.Resource {
	return &registry.Resource{
		GroupVersion: nodev1.SchemeGroupVersion, Name: "runtimeclasses", SingularName: "runtimeclass", Kind: "RuntimeClass",
		New:     func() runtime.Object { return &nodev1.RuntimeClass{} },
		NewList: func() runtime.Object { return &nodev1.RuntimeClassList{} },
	}
}

func podDisruptionBudgets() *registry.Resource {
	return &registry.Resource{
		GroupVersion: policyv1.SchemeGroupVersion, Name: "poddisruptionbudgets", SingularName: "poddisruptionbudget",
		Kind: "PodDisruptionBudget", Namespaced: true, ShortNames: []string{"pdb"}, Subresources: []string{"status"},
		TracksGeneration: true,
		New:              func() runtime.Object { return &policyv1.PodDisruptionBudget{} },
		NewList:          func() runtime.Object { return &policyv1.PodDisruptionBudgetList{} },
		PrepareForCreate: func(obj runtime.Object) {
			obj.(*policyv1.PodDisruptionBudget).Status = policyv1.PodDisruptionBudgetStatus{}
		},
	}
}

func priorityClasses() *registry.Resource {
	return &registry.Resource{
		GroupVersion: schedulingv1.SchemeGroupVersion, Name: "priorityclasses", SingularName: "priorityclass",
		Kind: "PriorityClass", ShortNames: []string{"pc"},
		New:     func() runtime.Object { return &schedulingv1.PriorityClass{} },
		NewList: func() runtime.Object { return &schedulingv1.PriorityClassList{} },
	}
}

func csiNodes() *registry.Resource {
	return &registry.Resource{
		GroupVersion: storagev1.SchemeGroupVersion, Name: "csinodes", SingularName: "csinode", Kind: "CSINode",
		New:     func() runtime.Object { return &storagev1.CSINode{} },
		NewList: func() runtime.Object { return &storagev1.CSINodeList{} },
	}
}
