// This file teaches the defaults of the small kinds: a namespace is Active,
// is labelled with its own name, and carries the "kubernetes" finalizer
// that makes deletion wait until its contents are gone; a node can allocate
// all of its capacity unless the kubelet says otherwise; a secret is Opaque
// and keeps its stringData only as data; a lease keeps no fields of
// features that are off.
// It mirrors SetDefaults_Namespace, SetDefaults_NamespaceStatus,
// SetDefaults_NodeStatus, SetDefaults_Secret and SetDefaults_ConfigMap in
// Kubernetes v1.37 pkg/apis/core/v1/defaults.go, PrepareForCreate in
// pkg/registry/core/namespace/strategy.go and
// pkg/registry/coordination/lease/strategy.go, and Convert_v1_Secret_To_core_Secret
// in pkg/apis/core/v1/conversion.go.

package resources

import (
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
)

func defaultNamespace(ns *corev1.Namespace) {
	// The label lets a selector pick namespaces by name
	// (kubernetes.io/metadata.name=default). A namespace still waiting for a
	// generated name cannot be labelled yet.
	if ns.Name != "" {
		if ns.Labels == nil {
			ns.Labels = map[string]string{}
		}
		ns.Labels[corev1.LabelMetadataName] = ns.Name
	}
	if ns.Status.Phase == "" {
		ns.Status.Phase = corev1.NamespaceActive
	}
	// A new namespace gets the finalizer. Only a new one (not yet given a
	// creationTimestamp): the namespace controller removes it during
	// deletion, and it must not come back.
	if ns.CreationTimestamp.IsZero() && !hasFinalizer(ns.Spec.Finalizers, corev1.FinalizerKubernetes) {
		ns.Spec.Finalizers = append(ns.Spec.Finalizers, corev1.FinalizerKubernetes)
	}
}

func hasFinalizer(list []corev1.FinalizerName, f corev1.FinalizerName) bool {
	for _, x := range list {
		if x == f {
			return true
		}
	}
	return false
}

func defaultNode(node *corev1.Node) {
	if node.Status.Allocatable == nil && node.Status.Capacity != nil {
		node.Status.Allocatable = corev1.ResourceList{}
		for name, q := range node.Status.Capacity {
			node.Status.Allocatable[name] = q.DeepCopy()
		}
	}
	roundUpToMilli(node.Status.Capacity)
	roundUpToMilli(node.Status.Allocatable)
}

func defaultSecret(s *corev1.Secret) {
	if s.Type == "" {
		s.Type = corev1.SecretTypeOpaque
	}
	// stringData is a write-only convenience: Kubernetes folds it into data
	// (as it converts the request to its internal form) and never stores
	// it. Its values win over data's.
	if len(s.StringData) > 0 {
		if s.Data == nil {
			s.Data = map[string][]byte{}
		}
		for k, v := range s.StringData {
			s.Data[k] = []byte(v)
		}
	}
	s.StringData = nil
}

// defaultLease drops the fields of coordinated leader election, a feature
// off by default in Kubernetes v1.37 (the lease registry's PrepareForCreate
// clears them), so that a lease stores only what the cluster acts on.
func defaultLease(l *coordinationv1.Lease) {
	l.Spec.Strategy = nil
	l.Spec.PreferredHolder = nil
}

func defaultConfigMap(cm *corev1.ConfigMap) {
	if cm.Data == nil {
		cm.Data = map[string]string{}
	}
}
