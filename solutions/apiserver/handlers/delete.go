// This file teaches DELETE. Its options come in the body (a DeleteOptions,
// which kubectl sends) or the query string: a grace period, preconditions,
// and a propagationPolicy for the garbage collector. The answer is the
// object when it still exists (marked for deletion) or when the resource
// returns deleted objects, else a Status saying it is gone.

package handlers

import (
	"net/http"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// deleteOptions reads DeleteOptions from the query and then the body.
func deleteOptions(w http.ResponseWriter, r *http.Request) (*metav1.DeleteOptions, error) {
	opts := &metav1.DeleteOptions{}
	if err := queryOptions(r, opts); err != nil {
		return nil, err
	}
	body, err := readBody(r)
	if err != nil {
		return nil, err
	}
	if len(body) > 0 {
		gvk := metav1.SchemeGroupVersion.WithKind("DeleteOptions")
		decoded, err := decodeDeleteOptions(body, gvk)
		if err != nil {
			return nil, err
		}
		opts = decoded
	}
	if _, err := isDryRun(opts.DryRun); err != nil {
		return nil, err
	}
	return opts, nil
}

// decodeDeleteOptions accepts DeleteOptions in either version clients send
// (meta.k8s.io/v1 or the legacy v1).
func decodeDeleteOptions(body []byte, gvk schema.GroupVersionKind) (*metav1.DeleteOptions, error) {
	opts := &metav1.DeleteOptions{}
	obj, _, err := codecs.UniversalDeserializer().Decode(body, &gvk, opts)
	if err != nil {
		return nil, apierrors.NewBadRequest("decoding DeleteOptions: " + err.Error())
	}
	decoded, ok := obj.(*metav1.DeleteOptions)
	if !ok {
		return nil, apierrors.NewBadRequest("the body of a DELETE must be a DeleteOptions")
	}
	return decoded, nil
}

func (a *API) delete(w http.ResponseWriter, r *http.Request, s *scope) {
	out, err := negotiate(r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	opts, err := deleteOptions(w, r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	if dryRun, _ := isDryRun(opts.DryRun); dryRun {
		obj, err := s.store.Get(r.Context(), s.namespace, s.name)
		if err != nil {
			WriteError(w, r, err)
			return
		}
		writeObject(w, http.StatusOK, out, obj)
		return
	}
	obj, deleted, err := s.store.Delete(r.Context(), s.namespace, s.name, opts)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	var result runtime.Object = obj
	if deleted && !s.resource.ReturnDeletedObject {
		accessor, _ := meta.Accessor(obj)
		result = successStatus(http.StatusOK, &metav1.StatusDetails{
			Name:  s.name,
			Group: s.resource.GroupVersion.Group,
			Kind:  s.resource.Name, // Kubernetes puts the resource here, not the kind
			UID:   accessor.GetUID(),
		})
		out = output{yaml: out.yaml}
	}
	result, err = a.transform(r, out, result, false)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	writeObject(w, http.StatusOK, out, result)
}

func (a *API) deleteCollection(w http.ResponseWriter, r *http.Request, s *scope) {
	out, err := negotiate(r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	var listOpts metav1.ListOptions
	if err := queryOptions(r, &listOpts); err != nil {
		WriteError(w, r, err)
		return
	}
	opts, err := deleteOptions(w, r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	pred, err := s.store.NewPredicate(listOpts.LabelSelector, listOpts.FieldSelector)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	list, err := s.store.DeleteCollection(r.Context(), s.namespace, pred, opts)
	if err == nil {
		list, err = a.transform(r, out, list, false)
	}
	if err != nil {
		WriteError(w, r, err)
		return
	}
	writeObject(w, http.StatusOK, out, list)
}
