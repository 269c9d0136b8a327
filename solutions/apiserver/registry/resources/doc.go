// Package resources describes the resources the apiserver serves beyond
// package registry's own: Events (core/v1, and events.k8s.io/v1 as a
// second view of the same objects), and a resource or more of every other
// API group, because Kubernetes' conformance tests expect a cluster to
// serve them (Jobs, Ingresses, HorizontalPodAutoscalers in two versions,
// CustomResourceDefinitions as plain JSON, the review resources that are
// answered rather than stored...). The generic store of package registry
// serves them all like any resource; nothing in the teaching cluster acts
// on them. It is reference code, not part of the chapter's starter.
package resources
