// This file teaches the rows of the small kinds: a namespace's STATUS
// (Active or Terminating), how many keys a ConfigMap or Secret holds, a
// Secret's TYPE, and which component holds a Lease (a node's heartbeat).
// It mirrors printNamespace, printConfigMap, printSecret and printLease in
// Kubernetes v1.37 pkg/printers/internalversion/printers.go.

package resources

import (
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

func namespaceColumns() []metav1.TableColumnDefinition {
	return []metav1.TableColumnDefinition{
		NameColumn(),
		{Name: "Status", Type: "string", Description: "The status of the namespace"},
		AgeColumn(),
	}
}

func printNamespace(obj runtime.Object, now time.Time, wide bool) (metav1.TableRow, error) {
	ns := obj.(*corev1.Namespace)
	return metav1.TableRow{Cells: []interface{}{ns.Name, string(ns.Status.Phase), Age(ns.CreationTimestamp, now)}}, nil
}

func configMapColumns() []metav1.TableColumnDefinition {
	return []metav1.TableColumnDefinition{
		NameColumn(),
		{Name: "Data", Type: "string", Description: corev1.ConfigMap{}.SwaggerDoc()["data"]},
		AgeColumn(),
	}
}

func printConfigMap(obj runtime.Object, now time.Time, wide bool) (metav1.TableRow, error) {
	cm := obj.(*corev1.ConfigMap)
	keys := int64(len(cm.Data) + len(cm.BinaryData))
	return metav1.TableRow{Cells: []interface{}{cm.Name, keys, Age(cm.CreationTimestamp, now)}}, nil
}

func secretColumns() []metav1.TableColumnDefinition {
	doc := corev1.Secret{}.SwaggerDoc()
	return []metav1.TableColumnDefinition{
		NameColumn(),
		{Name: "Type", Type: "string", Description: doc["type"]},
		{Name: "Data", Type: "string", Description: doc["data"]},
		AgeColumn(),
	}
}

func printSecret(obj runtime.Object, now time.Time, wide bool) (metav1.TableRow, error) {
	s := obj.(*corev1.Secret)
	// stringData is write-only: the apiserver folds it into data before
	// storing, so only data is counted.
	return metav1.TableRow{Cells: []interface{}{s.Name, string(s.Type), int64(len(s.Data)), Age(s.CreationTimestamp, now)}}, nil
}

func leaseColumns() []metav1.TableColumnDefinition {
	return []metav1.TableColumnDefinition{
		NameColumn(),
		{Name: "Holder", Type: "string", Description: coordinationv1.LeaseSpec{}.SwaggerDoc()["holderIdentity"]},
		AgeColumn(),
	}
}

func printLease(obj runtime.Object, now time.Time, wide bool) (metav1.TableRow, error) {
	l := obj.(*coordinationv1.Lease)
	holder := ""
	if l.Spec.HolderIdentity != nil {
		holder = *l.Spec.HolderIdentity
	}
	return metav1.TableRow{Cells: []interface{}{l.Name, holder, Age(l.CreationTimestamp, now)}}, nil
}
