// This file teaches the simplest verbs: GET of one object and of a list.
// Both end the same way, in the form the client negotiated.

package handlers

import (
	"fmt"
	"net/http"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/registry"
)

// get serves GET .../<resource>/<name> (and .../<name>/status, which
// returns the same object).
func (a *API) get(w http.ResponseWriter, r *http.Request, s *scope) {
	out, err := negotiate(r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	obj, err := s.store.Get(r.Context(), s.namespace, s.name)
	if err == nil {
		obj, err = a.transform(r, out, obj, false)
	}
	if err != nil {
		WriteError(w, r, err)
		return
	}
	writeObject(w, http.StatusOK, out, obj)
}

// list serves GET .../<resource> with selectors, paging and a
// resourceVersion.
func (a *API) list(w http.ResponseWriter, r *http.Request, s *scope) {
	out, err := negotiate(r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	var opts metav1.ListOptions
	if err := queryOptions(r, &opts); err != nil {
		WriteError(w, r, err)
		return
	}
	if err := validateListOptions(&opts); err != nil {
		WriteError(w, r, err)
		return
	}
	pred, err := s.store.NewPredicate(opts.LabelSelector, opts.FieldSelector)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	list, err := s.store.List(r.Context(), s.namespace, pred, registry.ListOptions{
		Limit:                opts.Limit,
		Continue:             opts.Continue,
		ResourceVersion:      opts.ResourceVersion,
		ResourceVersionMatch: opts.ResourceVersionMatch,
	})
	if err == nil {
		list, err = a.transform(r, out, list, false)
	}
	if err != nil {
		WriteError(w, r, err)
		return
	}
	writeObject(w, http.StatusOK, out, list)
}

// validateListOptions refuses the combinations Kubernetes refuses.
func validateListOptions(opts *metav1.ListOptions) error {
	switch {
	case opts.Limit < 0:
		return apierrors.NewBadRequest(fmt.Sprintf("limit must not be negative (%d)", opts.Limit))
	case opts.ResourceVersionMatch != "" && opts.ResourceVersion == "":
		return apierrors.NewBadRequest("resourceVersionMatch is forbidden unless resourceVersion is provided")
	case opts.ResourceVersionMatch != "" && opts.ResourceVersionMatch != metav1.ResourceVersionMatchExact &&
		opts.ResourceVersionMatch != metav1.ResourceVersionMatchNotOlderThan:
		return apierrors.NewBadRequest(fmt.Sprintf("resourceVersionMatch must be Exact or NotOlderThan, not %q", opts.ResourceVersionMatch))
	case opts.Continue != "" && opts.ResourceVersion != "" && opts.ResourceVersion != "0":
		return apierrors.NewBadRequest("specifying resource version is not allowed when using continue")
	case opts.ResourceVersionMatch == metav1.ResourceVersionMatchExact && opts.ResourceVersion == "0":
		return apierrors.NewBadRequest("resourceVersionMatch \"Exact\" is forbidden for resourceVersion \"0\"")
	}
	return nil
}
