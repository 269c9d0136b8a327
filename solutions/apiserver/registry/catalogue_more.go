// This file teaches what else a conformant cluster's API holds. Kubernetes'
// own e2e suite checks (Discovery "should locate the groupVersion and a
// resource within each APIGroup") that every cluster serves one resource of
// each of its API groups: Jobs, Ingresses, CertificateSigningRequests...
// The generic store serves them like any resource, so they are stored,
// listed, watched and patched as Kubernetes does. What acts on them (the
// job controller, the autoscaler, admission webhooks, the serving of custom
// resources, API aggregation) is not part of the teaching cluster: they are
// records that nothing acts on, as a Deployment is until chapter 06.

package registry

import (
	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	authenticationv1 "k8s.io/api/authentication/v1"
	authorizationv1 "k8s.io/api/authorization/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	certificatesv1 "k8s.io/api/certificates/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	networkingv1 "k8s.io/api/networking/v1"
	nodev1 "k8s.io/api/node/v1"
	policyv1 "k8s.io/api/policy/v1"
	schedulingv1 "k8s.io/api/scheduling/v1"
	storagev1 "k8s.io/api/storage/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// moreResources returns the resources of the other API groups, in the order
// discovery lists them. Where a group has two versions (autoscaling), the
// preferred one comes first.
func moreResources() []*Resource {
	return []*Resource{
		{
			GroupVersion: admissionregistrationv1.SchemeGroupVersion, Name: "validatingwebhookconfigurations",
			SingularName: "validatingwebhookconfiguration", Kind: "ValidatingWebhookConfiguration",
			Categories: []string{"api-extensions"}, TracksGeneration: true,
			New:     func() runtime.Object { return &admissionregistrationv1.ValidatingWebhookConfiguration{} },
			NewList: func() runtime.Object { return &admissionregistrationv1.ValidatingWebhookConfigurationList{} },
		},
		// CustomResourceDefinitions and APIServices are Go types of other
		// modules (k8s.io/apiextensions-apiserver, k8s.io/kube-aggregator),
		// which the course does not depend on: they are served as
		// unstructured JSON, as Kubernetes serves every custom resource.
		unstructuredResource(schema.GroupVersion{Group: "apiextensions.k8s.io", Version: "v1"},
			"customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", "crd", "crds"),
		unstructuredResource(schema.GroupVersion{Group: "apiregistration.k8s.io", Version: "v1"},
			"apiservices", "apiservice", "APIService"),
		{
			GroupVersion: authenticationv1.SchemeGroupVersion, Name: "selfsubjectreviews", SingularName: "selfsubjectreview",
			Kind: "SelfSubjectReview", CreateOnly: true,
			New:     func() runtime.Object { return &authenticationv1.SelfSubjectReview{} },
			NewList: func() runtime.Object { return &authenticationv1.SelfSubjectReview{} },
		},
		{
			GroupVersion: authenticationv1.SchemeGroupVersion, Name: "tokenreviews", SingularName: "tokenreview",
			Kind: "TokenReview", CreateOnly: true,
			New:     func() runtime.Object { return &authenticationv1.TokenReview{} },
			NewList: func() runtime.Object { return &authenticationv1.TokenReview{} },
		},
		{
			GroupVersion: authorizationv1.SchemeGroupVersion, Name: "selfsubjectaccessreviews", SingularName: "selfsubjectaccessreview",
			Kind: "SelfSubjectAccessReview", CreateOnly: true,
			New:     func() runtime.Object { return &authorizationv1.SelfSubjectAccessReview{} },
			NewList: func() runtime.Object { return &authorizationv1.SelfSubjectAccessReview{} },
		},
		{
			GroupVersion: authorizationv1.SchemeGroupVersion, Name: "subjectaccessreviews", SingularName: "subjectaccessreview",
			Kind: "SubjectAccessReview", CreateOnly: true,
			New:     func() runtime.Object { return &authorizationv1.SubjectAccessReview{} },
			NewList: func() runtime.Object { return &authorizationv1.SubjectAccessReview{} },
		},
		{
			GroupVersion: autoscalingv2.SchemeGroupVersion, Name: "horizontalpodautoscalers", SingularName: "horizontalpodautoscaler",
			Kind: "HorizontalPodAutoscaler", Namespaced: true, ShortNames: []string{"hpa"}, Categories: []string{"all"},
			Subresources: []string{"status"}, TracksGeneration: true,
			New:              func() runtime.Object { return &autoscalingv2.HorizontalPodAutoscaler{} },
			NewList:          func() runtime.Object { return &autoscalingv2.HorizontalPodAutoscalerList{} },
			PrepareForCreate: resetStatus,
		},
		{
			// The same objects as autoscaling/v2's, seen through the older
			// schema (autoscaling.go).
			GroupVersion: autoscalingv1.SchemeGroupVersion, Name: "horizontalpodautoscalers", SingularName: "horizontalpodautoscaler",
			Kind: "HorizontalPodAutoscaler", Namespaced: true, ShortNames: []string{"hpa"}, Categories: []string{"all"},
			Subresources: []string{"status"}, TracksGeneration: true,
			New:              func() runtime.Object { return &autoscalingv1.HorizontalPodAutoscaler{} },
			NewList:          func() runtime.Object { return &autoscalingv1.HorizontalPodAutoscalerList{} },
			PrepareForCreate: resetStatus,
			Conversion:       autoscalingV1Conversion,
		},
		{
			GroupVersion: batchv1.SchemeGroupVersion, Name: "jobs", SingularName: "job", Kind: "Job", Namespaced: true,
			Categories: []string{"all"}, Subresources: []string{"status"}, TracksGeneration: true,
			New:              func() runtime.Object { return &batchv1.Job{} },
			NewList:          func() runtime.Object { return &batchv1.JobList{} },
			PrepareForCreate: resetStatus,
		},
		{
			GroupVersion: certificatesv1.SchemeGroupVersion, Name: "certificatesigningrequests", SingularName: "certificatesigningrequest",
			Kind: "CertificateSigningRequest", ShortNames: []string{"csr"}, Subresources: []string{"status"},
			New:              func() runtime.Object { return &certificatesv1.CertificateSigningRequest{} },
			NewList:          func() runtime.Object { return &certificatesv1.CertificateSigningRequestList{} },
			PrepareForCreate: resetStatus,
		},
		{
			GroupVersion: discoveryv1.SchemeGroupVersion, Name: "endpointslices", SingularName: "endpointslice",
			Kind: "EndpointSlice", Namespaced: true,
			New:     func() runtime.Object { return &discoveryv1.EndpointSlice{} },
			NewList: func() runtime.Object { return &discoveryv1.EndpointSliceList{} },
		},
		{
			GroupVersion: networkingv1.SchemeGroupVersion, Name: "ingresses", SingularName: "ingress", Kind: "Ingress",
			Namespaced: true, ShortNames: []string{"ing"}, Subresources: []string{"status"}, TracksGeneration: true,
			New:              func() runtime.Object { return &networkingv1.Ingress{} },
			NewList:          func() runtime.Object { return &networkingv1.IngressList{} },
			PrepareForCreate: resetStatus,
		},
		{
			GroupVersion: nodev1.SchemeGroupVersion, Name: "runtimeclasses", SingularName: "runtimeclass", Kind: "RuntimeClass",
			New:     func() runtime.Object { return &nodev1.RuntimeClass{} },
			NewList: func() runtime.Object { return &nodev1.RuntimeClassList{} },
		},
		{
			GroupVersion: policyv1.SchemeGroupVersion, Name: "poddisruptionbudgets", SingularName: "poddisruptionbudget",
			Kind: "PodDisruptionBudget", Namespaced: true, ShortNames: []string{"pdb"}, Subresources: []string{"status"},
			TracksGeneration: true,
			New:              func() runtime.Object { return &policyv1.PodDisruptionBudget{} },
			NewList:          func() runtime.Object { return &policyv1.PodDisruptionBudgetList{} },
			PrepareForCreate: resetStatus,
		},
		{
			GroupVersion: schedulingv1.SchemeGroupVersion, Name: "priorityclasses", SingularName: "priorityclass",
			Kind: "PriorityClass", ShortNames: []string{"pc"},
			New:     func() runtime.Object { return &schedulingv1.PriorityClass{} },
			NewList: func() runtime.Object { return &schedulingv1.PriorityClassList{} },
		},
		{
			GroupVersion: storagev1.SchemeGroupVersion, Name: "csinodes", SingularName: "csinode", Kind: "CSINode",
			New:     func() runtime.Object { return &storagev1.CSINode{} },
			NewList: func() runtime.Object { return &storagev1.CSINodeList{} },
		},
	}
}

// unstructuredResource describes a cluster-scoped resource whose objects
// the server holds as plain JSON maps, knowing only their metadata.
func unstructuredResource(gv schema.GroupVersion, name, singular, kind string, shortNames ...string) *Resource {
	return &Resource{
		GroupVersion: gv, Name: name, SingularName: singular, Kind: kind,
		ShortNames: shortNames, Categories: []string{"api-extensions"},
		New: func() runtime.Object {
			u := &unstructured.Unstructured{}
			u.SetGroupVersionKind(gv.WithKind(kind))
			return u
		},
		NewList: func() runtime.Object {
			l := &unstructured.UnstructuredList{}
			l.SetGroupVersionKind(gv.WithKind(kind + "List"))
			return l
		},
	}
}
