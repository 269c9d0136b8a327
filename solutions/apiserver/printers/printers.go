// This file teaches how the apiserver chooses columns: one printer per kind,
// chosen by the object's Go type, with a plain fallback for the rest. The
// pod's printer is here (pod.go); every other kind's is package
// printers/resources'. It mirrors AddHandlers in
// pkg/printers/internalversion/printers.go (which registers a handler per
// internal type) and the default table convertor in
// staging/src/k8s.io/apiserver/pkg/registry/rest/table.go.

package printers

import (
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubeling/kubeling/solutions/apiserver/printers/resources"
)

// printerFor returns the printer for obj's kind; a list gets its items'.
func printerFor(obj runtime.Object) printer {
	switch obj.(type) {
	case *corev1.Pod, *corev1.PodList:
		return printer{podColumns(), printPod}
	}
	if p, ok := resources.For(obj); ok {
		return printer{p.Columns, func(obj runtime.Object, opts Options) (metav1.TableRow, error) {
			return p.Row(obj, opts.Now, opts.Wide)
		}}
	}
	return printer{defaultColumns(), printDefault}
}

// defaultColumns are what the apiserver prints for a kind that has no
// printer of its own: the name and the creation time as a date.
func defaultColumns() []metav1.TableColumnDefinition {
	return []metav1.TableColumnDefinition{
		resources.NameColumn(),
		{Name: "Created At", Type: "date", Description: resources.ObjectMetaDoc("creationTimestamp")},
	}
}

func printDefault(obj runtime.Object, _ Options) (metav1.TableRow, error) {
	m, err := meta.Accessor(obj)
	if err != nil {
		return metav1.TableRow{}, notAcceptable(obj)
	}
	created := m.GetCreationTimestamp().UTC().Format(time.RFC3339)
	return metav1.TableRow{Cells: []interface{}{m.GetName(), created}}, nil
}
