// This file teaches PUT: the body is the whole new object. The store keeps
// what the client may not change and refuses the write with 409 if the
// body's resourceVersion is not the stored one.

package handlers

import (
	"context"
	"fmt"
	"net/http"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/registry"
)

func (a *API) update(w http.ResponseWriter, r *http.Request, s *scope) {
	out, err := negotiate(r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	var opts metav1.UpdateOptions
	if err := queryOptions(r, &opts); err != nil {
		WriteError(w, r, err)
		return
	}
	if err := invalidOptions("UpdateOptions", metav1validation.ValidateUpdateOptions(&opts)); err != nil {
		WriteError(w, r, err)
		return
	}
	dryRun := isDryRun(opts.DryRun)
	obj, err := readObject(w, r, s.resource.GroupVersionKind(), s.resource.New())
	if err != nil {
		WriteError(w, r, err)
		return
	}
	replace := func(_ context.Context, _ runtime.Object) (runtime.Object, error) {
		return obj.DeepCopyObject(), nil // a fresh copy for every attempt
	}
	updated, err := s.store.Update(r.Context(), s.namespace, s.name, replace,
		registry.UpdateOptions{Subresource: s.info.Subresource, DryRun: dryRun})
	code := http.StatusOK
	if apierrors.IsNotFound(err) && s.resource.AllowCreateOnUpdate && s.info.Subresource == "" {
		code = http.StatusCreated
		updated, err = a.createOnUpdate(r, s, obj, dryRun)
	}
	if err == nil {
		updated, err = a.transform(r, out, updated, false)
	}
	if err != nil {
		WriteError(w, r, err)
		return
	}
	writeObject(w, code, out, updated)
}

// createOnUpdate creates obj, PUT to a name that does not exist, for the
// resources where Kubernetes allows it (a lease's holder need not know
// whether the lease exists yet).
func (a *API) createOnUpdate(r *http.Request, s *scope, obj runtime.Object, dryRun bool) (runtime.Object, error) {
	accessor, err := meta.Accessor(obj)
	if err != nil {
		return nil, apierrors.NewBadRequest(err.Error())
	}
	if accessor.GetName() != s.name {
		return nil, apierrors.NewBadRequest(fmt.Sprintf("the name of the object (%s) does not match the name on the URL (%s)", accessor.GetName(), s.name))
	}
	if err := a.admitNamespace(r.Context(), s); err != nil {
		return nil, err
	}
	accessor.SetResourceVersion("")
	return s.store.Create(r.Context(), s.namespace, obj, registry.CreateOptions{DryRun: dryRun})
}
