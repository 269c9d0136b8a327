// This file teaches POST: decode the body, check the namespace may receive
// it, and let the store fill in what the server owns. The answer is 201
// Created with the object as stored, resourceVersion and all.

package handlers

import (
	"net/http"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"

	"github.com/kubeling/kubeling/solutions/apiserver/registry"
)

func (a *API) create(w http.ResponseWriter, r *http.Request, s *scope) {
	out, err := negotiate(r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	var opts metav1.CreateOptions
	if err := queryOptions(r, &opts); err != nil {
		WriteError(w, r, err)
		return
	}
	if err := invalidOptions("CreateOptions", metav1validation.ValidateCreateOptions(&opts)); err != nil {
		WriteError(w, r, err)
		return
	}
	dryRun := isDryRun(opts.DryRun)
	obj, err := readObject(w, r, s.resource.GroupVersionKind(), s.resource.New())
	if err != nil {
		WriteError(w, r, err)
		return
	}
	if err := a.admitNamespace(r.Context(), s); err != nil {
		WriteError(w, r, err)
		return
	}
	created, err := s.store.Create(r.Context(), s.namespace, obj, registry.CreateOptions{DryRun: dryRun})
	if err == nil {
		created, err = a.transform(r, out, created, false)
	}
	if err != nil {
		WriteError(w, r, err)
		return
	}
	writeObject(w, http.StatusCreated, out, created)
}
