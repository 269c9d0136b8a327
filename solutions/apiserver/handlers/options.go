// This file teaches where a request's options come from: the query string
// (?labelSelector=...&limit=500) decoded into the metav1 option types by the
// scheme's parameter codec, exactly as client-go encoded them.

package handlers

import (
	"fmt"
	"net/http"
	"slices"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/client-go/kubernetes/scheme"
)

// optionsVersion is the version the option types are registered under.
var optionsVersion = schema.GroupVersion{Version: "v1"}

// queryOptions decodes r's query string into opts (a *metav1.ListOptions,
// *metav1.DeleteOptions...). Malformed values are 400.
func queryOptions(r *http.Request, opts runtime.Object) error {
	if err := scheme.ParameterCodec.DecodeParameters(r.URL.Query(), optionsVersion, opts); err != nil {
		return apierrors.NewBadRequest(fmt.Sprintf("invalid query parameters: %v", err))
	}
	return nil
}

// invalidOptions is Kubernetes' answer to option values it cannot honour
// (a dryRun other than All, an unknown fieldValidation, a fieldManager too
// long...): 422 Invalid, naming the options' kind, errs from apimachinery's
// own checks of them (ValidateCreateOptions and its siblings).
func invalidOptions(kind string, errs field.ErrorList) error {
	if len(errs) == 0 {
		return nil
	}
	return apierrors.NewInvalid(schema.GroupKind{Group: metav1.GroupName, Kind: kind}, "", errs)
}

// isDryRun reports whether the dryRun parameter, already checked by
// invalidOptions, asks to skip storage.
func isDryRun(dryRun []string) bool {
	return slices.Contains(dryRun, metav1.DryRunAll)
}
