// This file teaches server-side printing. kubectl does not know how to print
// a Deployment's READY column: it asks the server for a Table (rows of
// cells plus column definitions) and prints that. So every client shows
// the same columns, and a new resource needs no new kubectl. Without it
// kubectl can print only NAME and AGE. It mirrors asTable in
// k8s.io/apiserver/pkg/endpoints/handlers/response.go.

package handlers

import (
	"fmt"
	"net/http"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// TableOptions are the options of a Table conversion.
type TableOptions struct {
	// NoHeaders leaves out the column definitions (every watch event after
	// the first).
	NoHeaders bool
	// IncludeObject says what each row carries besides its cells.
	IncludeObject metav1.IncludeObjectPolicy
	// Now is the time AGE columns are computed against.
	Now time.Time
}

// TableFunc converts one object, or a list, to a Table.
type TableFunc func(obj runtime.Object, opts TableOptions) (*metav1.Table, error)

var (
	tableGVK   = metav1.SchemeGroupVersion.WithKind("Table")
	partialGVK = metav1.SchemeGroupVersion.WithKind("PartialObjectMetadata")
)

// DefaultTable is the Table of a resource without its own columns: NAME
// and CREATED AT, as Kubernetes' default table convertor prints.
func DefaultTable(obj runtime.Object, opts TableOptions) (*metav1.Table, error) {
	items := []runtime.Object{obj}
	if meta.IsListType(obj) {
		var err error
		if items, err = meta.ExtractList(obj); err != nil {
			return nil, err
		}
	}
	table := &metav1.Table{}
	if !opts.NoHeaders {
		table.ColumnDefinitions = []metav1.TableColumnDefinition{
			{Name: "Name", Type: "string", Format: "name", Description: "Name must be unique within a namespace."},
			{Name: "Created At", Type: "date", Description: "The time the object was created."},
		}
	}
	for _, item := range items {
		accessor, err := meta.Accessor(item)
		if err != nil {
			return nil, err
		}
		table.Rows = append(table.Rows, metav1.TableRow{
			Cells:  []interface{}{accessor.GetName(), accessor.GetCreationTimestamp().UTC().Format(time.RFC3339)},
			Object: runtime.RawExtension{Object: item},
		})
	}
	return table, nil
}

// transform turns a result into the negotiated form: itself, a Table, or
// metadata only. noHeaders is for watch events after the first.
func (a *API) transform(r *http.Request, out output, obj runtime.Object, noHeaders bool) (runtime.Object, error) {
	switch out.kind {
	case asTable:
		return a.asTable(r, obj, noHeaders)
	case asPartialMetadata:
		return asPartialObjectMetadata(obj)
	}
	return obj, nil
}

func (a *API) asTable(r *http.Request, obj runtime.Object, noHeaders bool) (runtime.Object, error) {
	include := metav1.IncludeObjectPolicy(r.URL.Query().Get("includeObject"))
	switch include {
	case "", metav1.IncludeMetadata, metav1.IncludeObject, metav1.IncludeNone:
	default:
		return nil, apierrors.NewBadRequest(fmt.Sprintf("unrecognized includeObject value: %q", include))
	}
	table, err := a.config.Tables(obj, TableOptions{NoHeaders: noHeaders, IncludeObject: metav1.IncludeObject, Now: a.config.Now()})
	if err != nil {
		return nil, apierrors.NewInternalError(fmt.Errorf("printing %T as a table: %w", obj, err))
	}
	if noHeaders {
		table.ColumnDefinitions = nil
	}
	for i := range table.Rows {
		row := &table.Rows[i]
		if row.Object.Object == nil {
			continue
		}
		switch include {
		case metav1.IncludeObject:
		case metav1.IncludeNone:
			row.Object = runtime.RawExtension{}
		default: // Metadata is the default
			partial, err := asPartialObjectMetadata(row.Object.Object)
			if err != nil {
				return nil, err
			}
			row.Object = runtime.RawExtension{Object: partial}
		}
	}
	if list, err := meta.ListAccessor(obj); err == nil && meta.IsListType(obj) {
		table.ResourceVersion = list.GetResourceVersion()
		table.Continue = list.GetContinue()
	} else if accessor, err := meta.Accessor(obj); err == nil {
		table.ResourceVersion = accessor.GetResourceVersion()
	}
	table.GetObjectKind().SetGroupVersionKind(tableGVK)
	return table, nil
}

// asPartialObjectMetadata keeps only the metadata of an object or of each
// item of a list (metadata informers, the garbage collector).
func asPartialObjectMetadata(obj runtime.Object) (runtime.Object, error) {
	if meta.IsListType(obj) {
		items, err := meta.ExtractList(obj)
		if err != nil {
			return nil, apierrors.NewInternalError(err)
		}
		listMeta, _ := meta.ListAccessor(obj)
		list := &metav1.PartialObjectMetadataList{
			ListMeta: metav1.ListMeta{ResourceVersion: listMeta.GetResourceVersion(), Continue: listMeta.GetContinue()},
		}
		list.GetObjectKind().SetGroupVersionKind(metav1.SchemeGroupVersion.WithKind("PartialObjectMetadataList"))
		for _, item := range items {
			accessor, err := meta.Accessor(item)
			if err != nil {
				return nil, apierrors.NewInternalError(err)
			}
			partial := meta.AsPartialObjectMetadata(accessor)
			partial.GetObjectKind().SetGroupVersionKind(partialGVK)
			list.Items = append(list.Items, *partial)
		}
		return list, nil
	}
	accessor, err := meta.Accessor(obj)
	if err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	partial := meta.AsPartialObjectMetadata(accessor)
	partial.GetObjectKind().SetGroupVersionKind(partialGVK)
	return partial, nil
}
