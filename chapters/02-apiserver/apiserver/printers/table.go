// This file teaches how a list of objects becomes a Table: pick the printer
// for the kind, print one row per item, drop the wide-only columns unless
// asked for them, and attach to each row as much of the object as the client
// wants back. It mirrors HumanReadableGenerator.GenerateTable in
// pkg/printers/tablegenerator.go and asTable in
// staging/src/k8s.io/apiserver/pkg/endpoints/handlers/response.go.

package printers

import (
	"fmt"
	"net/http"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes/scheme"
)

// Options are the parts of a Table request (metav1.TableOptions plus the
// request's time) that change the output.
type Options struct {
	// Wide keeps the columns with priority 1, the ones kubectl shows only
	// with -o wide. The real apiserver always prints wide and lets kubectl
	// hide those columns, so an apiserver that wants kubectl's exact output
	// for both `get` and `get -o wide` passes Wide: true.
	Wide bool
	// NoHeaders leaves out the column definitions (kubectl sends it when it
	// already has them, e.g. for the second page of `get -w`).
	NoHeaders bool
	// Now is the instant AGE and LAST SEEN are measured from. Zero means
	// time.Now().
	Now time.Time
	// IncludeObject says what each row carries back in Row.Object: nothing
	// (None), the object's metadata as a PartialObjectMetadata (Metadata, and
	// the default when empty, which is what kubectl asks for), or the whole
	// object (Object).
	IncludeObject metav1.IncludeObjectPolicy
}

// printer prints one kind of object.
type printer struct {
	// columns are every column of the kind, wide ones included.
	columns []metav1.TableColumnDefinition
	// row returns one row with a cell for every column in columns.
	row func(obj runtime.Object, opts Options) (metav1.TableRow, error)
}

// ToTable prints obj, a single object or a typed list (*corev1.PodList and
// so on), as a Table. Kinds without a printer of their own get Kubernetes'
// default columns, NAME and CREATED AT. It fails only for objects without
// metadata (406 Not Acceptable) and for an unknown IncludeObject (400).
func ToTable(obj runtime.Object, opts Options) (*metav1.Table, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	switch opts.IncludeObject {
	case "", metav1.IncludeNone, metav1.IncludeMetadata, metav1.IncludeObject:
	default:
		return nil, apierrors.NewBadRequest(fmt.Sprintf("unrecognized includeObject value: %q", opts.IncludeObject))
	}

	p := printerFor(obj)
	items, err := itemsOf(obj)
	if err != nil {
		return nil, err
	}

	table := &metav1.Table{
		TypeMeta: metav1.TypeMeta{APIVersion: metav1.SchemeGroupVersion.String(), Kind: "Table"},
		Rows:     make([]metav1.TableRow, 0, len(items)),
	}
	keep := visibleColumns(p.columns, opts.Wide)
	if !opts.NoHeaders {
		table.ColumnDefinitions = make([]metav1.TableColumnDefinition, 0, len(keep))
		for _, i := range keep {
			table.ColumnDefinitions = append(table.ColumnDefinitions, p.columns[i])
		}
	}

	for _, item := range items {
		row, err := p.row(item, opts)
		if err != nil {
			return nil, err
		}
		if len(keep) != len(row.Cells) {
			narrow := make([]interface{}, 0, len(keep))
			for _, i := range keep {
				narrow = append(narrow, row.Cells[i])
			}
			row.Cells = narrow
		}
		row.Object.Object, err = rowObject(item, opts.IncludeObject)
		if err != nil {
			return nil, err
		}
		table.Rows = append(table.Rows, row)
	}

	// A list's resourceVersion and continue token travel with the table, so
	// that `kubectl get -w` can watch from where the list ended and
	// `kubectl get --chunk-size` can fetch the next page.
	if m, err := meta.ListAccessor(obj); err == nil {
		table.ResourceVersion = m.GetResourceVersion()
		table.Continue = m.GetContinue()
		table.RemainingItemCount = m.GetRemainingItemCount()
	} else if m, err := meta.CommonAccessor(obj); err == nil {
		table.ResourceVersion = m.GetResourceVersion()
	}
	return table, nil
}

// visibleColumns returns the indexes of the columns to print: all of them
// when wide, else those with priority 0.
func visibleColumns(columns []metav1.TableColumnDefinition, wide bool) []int {
	keep := make([]int, 0, len(columns))
	for i, c := range columns {
		if wide || c.Priority == 0 {
			keep = append(keep, i)
		}
	}
	return keep
}

// itemsOf returns the items of a list, or obj itself when it is not a list.
// The items point into the list; they are read, never written.
func itemsOf(obj runtime.Object) ([]runtime.Object, error) {
	if !meta.IsListType(obj) {
		return []runtime.Object{obj}, nil
	}
	items, err := meta.ExtractList(obj)
	if err != nil {
		return nil, fmt.Errorf("reading the items of %T: %w", obj, err)
	}
	return items, nil
}

// rowObject is what a row carries back, as asTable in the apiserver decides.
func rowObject(obj runtime.Object, policy metav1.IncludeObjectPolicy) (runtime.Object, error) {
	switch policy {
	case metav1.IncludeNone:
		return nil, nil
	case metav1.IncludeObject:
		// A copy, so that setting apiVersion and kind (which clients need to
		// decode the embedded object) never touches the caller's object.
		full := obj.DeepCopyObject()
		if gvks, _, err := scheme.Scheme.ObjectKinds(full); err == nil && len(gvks) > 0 {
			full.GetObjectKind().SetGroupVersionKind(gvks[0])
		}
		return full, nil
	}
	partial, err := PartialObjectMetadata(obj) // Metadata, the default
	if err != nil {
		return nil, notAcceptable(obj)
	}
	return partial, nil
}

// PartialObjectMetadata keeps only the metadata of an object, or of each
// item of a list: what a row carries back by default, and the answer to a
// client that asks for metadata only (Accept: ...;as=PartialObjectMetadata,
// as metadata informers and the garbage collector do). The result shares
// maps with obj.
func PartialObjectMetadata(obj runtime.Object) (runtime.Object, error) {
	if !meta.IsListType(obj) {
		m, err := meta.Accessor(obj)
		if err != nil {
			return nil, fmt.Errorf("reading the metadata of %T: %w", obj, err)
		}
		partial := meta.AsPartialObjectMetadata(m)
		partial.SetGroupVersionKind(metav1.SchemeGroupVersion.WithKind("PartialObjectMetadata"))
		return partial, nil
	}
	items, err := itemsOf(obj)
	if err != nil {
		return nil, err
	}
	list := &metav1.PartialObjectMetadataList{Items: make([]metav1.PartialObjectMetadata, 0, len(items))}
	list.SetGroupVersionKind(metav1.SchemeGroupVersion.WithKind("PartialObjectMetadataList"))
	if m, err := meta.ListAccessor(obj); err == nil {
		list.ResourceVersion, list.Continue = m.GetResourceVersion(), m.GetContinue()
	}
	for _, item := range items {
		partial, err := PartialObjectMetadata(item)
		if err != nil {
			return nil, err
		}
		list.Items = append(list.Items, *partial.(*metav1.PartialObjectMetadata))
	}
	return list, nil
}

// notAcceptable is the 406 the apiserver answers when asked for a Table of
// something it cannot print.
func notAcceptable(obj runtime.Object) error {
	return &apierrors.StatusError{ErrStatus: metav1.Status{
		Status:  metav1.StatusFailure,
		Code:    http.StatusNotAcceptable,
		Reason:  metav1.StatusReason("NotAcceptable"),
		Message: fmt.Sprintf("the object %T does not support being converted to a Table", obj),
	}}
}
