// This file teaches DELETE. Its options come in the body (a DeleteOptions,
// which kubectl sends) or the query string: a grace period, preconditions,
// and a propagationPolicy for the garbage collector. The answer is the
// object when it still exists (marked for deletion) or when the resource
// returns deleted objects, else a Status saying it is gone.

package handlers

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/yaml"
)

// deleteOptions reads DeleteOptions from the query and then the body.
func deleteOptions(r *http.Request) (*metav1.DeleteOptions, error) {
	opts := &metav1.DeleteOptions{}
	if err := queryOptions(r, opts); err != nil {
		return nil, err
	}
	body, err := readBody(r)
	if err != nil {
		return nil, err
	}
	if len(body) > 0 {
		decoded, err := decodeDeleteOptions(r.Header.Get("Content-Type"), body)
		if err != nil {
			return nil, err
		}
		opts = decoded
	}
	if err := invalidOptions("DeleteOptions", metav1validation.ValidateDeleteOptions(opts)); err != nil {
		return nil, err
	}
	return opts, nil
}

// protobufMagic starts every Kubernetes protobuf body.
var protobufMagic = []byte("k8s\x00")

// decodeDeleteOptions reads a DeleteOptions body in JSON, YAML or
// protobuf, whichever version the client labels it with: kubectl sends
// meta.k8s.io/v1 in JSON, client-go's typed clients the group's own
// version (v1, apps/v1) in protobuf.
func decodeDeleteOptions(contentType string, body []byte) (*metav1.DeleteOptions, error) {
	opts := &metav1.DeleteOptions{}
	mediaType, _, _ := mime.ParseMediaType(contentType)
	if mediaType == runtime.ContentTypeProtobuf {
		// A protobuf body is the magic, then a runtime.Unknown envelope
		// holding apiVersion, kind and the message itself.
		var envelope runtime.Unknown
		if !bytes.HasPrefix(body, protobufMagic) || envelope.Unmarshal(body[len(protobufMagic):]) != nil ||
			opts.Unmarshal(envelope.Raw) != nil {
			return nil, apierrors.NewBadRequest("decoding DeleteOptions: not a Kubernetes protobuf message")
		}
		opts.APIVersion, opts.Kind = envelope.APIVersion, envelope.Kind
	} else if err := yaml.Unmarshal(body, opts); err != nil { // YAML includes JSON
		return nil, apierrors.NewBadRequest("decoding DeleteOptions: " + err.Error())
	}
	if opts.Kind != "" && opts.Kind != "DeleteOptions" {
		return nil, apierrors.NewBadRequest(fmt.Sprintf("the body of a DELETE must be a DeleteOptions, not a %s", opts.Kind))
	}
	return opts, nil
}

func (a *API) delete(w http.ResponseWriter, r *http.Request, s *scope) {
	out, err := negotiate(r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	opts, err := deleteOptions(r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	if isDryRun(opts.DryRun) {
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
	opts, err := deleteOptions(r)
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
