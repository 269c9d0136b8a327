// This file teaches server-side printing. kubectl does not know how to print
// a Deployment's READY column: it asks the server for a Table (rows of
// cells plus column definitions) and prints that. So every client shows
// the same columns, and a new resource needs no new kubectl. Without it
// kubectl can print only NAME and AGE. It mirrors transformResponseObject
// in k8s.io/apiserver/pkg/endpoints/handlers/response.go; the columns are
// package printers'.

package handlers

import (
	"errors"
	"fmt"
	"net/http"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/printers"
)

// transform turns a result into the negotiated form: itself, a Table, or
// metadata only. noHeaders is for watch events after the first.
func (a *API) transform(r *http.Request, out output, obj runtime.Object, noHeaders bool) (runtime.Object, error) {
	var result runtime.Object
	var err error
	switch out.kind {
	case asTable:
		// Always the wide columns: kubectl hides them unless -o wide, as it
		// does with a real apiserver.
		result, err = printers.ToTable(obj, printers.Options{
			Wide: true, NoHeaders: noHeaders, Now: a.config.Now(),
			IncludeObject: metav1.IncludeObjectPolicy(r.URL.Query().Get("includeObject")),
		})
	case asPartialMetadata:
		result, err = printers.PartialObjectMetadata(obj)
	default:
		return obj, nil
	}
	var status apierrors.APIStatus
	if err != nil && !errors.As(err, &status) {
		return nil, apierrors.NewInternalError(fmt.Errorf("converting %T for the response: %w", obj, err))
	}
	return result, err
}
