// This file teaches create-only resources. A TokenReview or a
// SubjectAccessReview is a question sent with POST ("who is this token?",
// "may this user delete pods?"), answered in the response and never
// stored: create is the only verb. `kubectl auth can-i` and
// `kubectl auth whoami` ask them. Kubernetes serves them as REST storage
// that implements only Create.

package handlers

import (
	"context"
	"net/http"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubeling/kubeling/solutions/apiserver/request"
)

// ReviewFunc answers a create-only resource's question. obj is the decoded
// body; the asking user is in ctx (request.UserFrom). It returns obj with
// its status filled in.
type ReviewFunc func(ctx context.Context, obj runtime.Object) (runtime.Object, error)

// review answers a request to a create-only resource.
func (a *API) review(w http.ResponseWriter, r *http.Request, s *scope) {
	if s.info.Verb != "create" || s.info.Subresource != "" {
		WriteError(w, r, apierrors.NewMethodNotSupported(s.resource.GroupResource(), s.info.Verb))
		return
	}
	answer := a.config.Reviews[s.resource.GroupVersionResource()]
	if answer == nil {
		WriteError(w, r, notFound()) // served by no one in this apiserver
		return
	}
	out, err := negotiate(r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	obj, err := readObject(w, r, s.resource.GroupVersionKind(), s.resource.New())
	if err != nil {
		WriteError(w, r, err)
		return
	}
	result, err := answer(r.Context(), obj)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	result.GetObjectKind().SetGroupVersionKind(s.resource.GroupVersionKind())
	writeObject(w, http.StatusCreated, out, result)
}

// createOnlyScope returns the scope of a request to a create-only
// resource, which ServeHTTP hands to review before routing.
func (a *API) createOnlyScope(info *request.RequestInfo) (*scope, bool) {
	store := a.stores[schema.GroupVersionResource{Group: info.APIGroup, Version: info.APIVersion, Resource: info.Resource}]
	if store == nil || !store.Resource().CreateOnly {
		return nil, false
	}
	return &scope{store: store, resource: store.Resource(), info: info}, true
}
