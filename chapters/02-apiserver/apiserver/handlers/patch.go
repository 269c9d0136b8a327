// This file teaches PATCH: the client sends only a change, and the server
// applies it to the stored object. The Content-Type says which of three
// languages the change is in: JSON patch (a list of operations, RFC 6902),
// JSON merge patch (a partial object, RFC 7386), or strategic merge patch
// (a partial object whose lists merge by key, so that a patch naming one
// container does not drop the others — what kubectl edit, label and set
// image send). The patched object then goes through the same checks as a
// PUT, retried on a conflicting write like any unconditional update.

package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/registry"
)

// readPatch reads a PATCH request's type and body.
func (a *API) readPatch(r *http.Request) (types.PatchType, []byte, error) {
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		mediaType = ""
	}
	pt := types.PatchType(mediaType)
	switch pt {
	case types.JSONPatchType, types.MergePatchType, types.StrategicMergePatchType, types.ApplyYAMLPatchType:
	default:
		return "", nil, unsupportedPatchType(mediaType)
	}
	if a.config.Patch == nil {
		return "", nil, unsupportedPatchType(mediaType)
	}
	body, err := readBody(r)
	if err != nil {
		return "", nil, err
	}
	if len(body) == 0 {
		return "", nil, apierrors.NewBadRequest("the patch is empty")
	}
	return pt, body, nil
}

// applyPatch applies a patch to obj (of kind gvk) and decodes the result
// into a new object of the same kind.
func (a *API) applyPatch(w http.ResponseWriter, r *http.Request, pt types.PatchType, patch []byte, obj runtime.Object, gvk schema.GroupVersionKind, newObj func() runtime.Object) (runtime.Object, error) {
	current, err := json.Marshal(obj)
	if err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	typed := newObj()
	if _, ok := typed.(runtime.Unstructured); ok {
		// No Go type, so no merge keys: strategic merge patch is refused
		// (415), as Kubernetes refuses it for custom resources.
		typed = nil
	}
	patched, err := a.config.Patch(pt, current, patch, typed)
	if err != nil {
		return nil, patchError(gvk, patch, err)
	}
	jsonRequest := r.Clone(r.Context())
	jsonRequest.Header.Set("Content-Type", mediaJSON)
	return decodeBody(w, jsonRequest, patched, gvk, newObj())
}

func (a *API) patch(w http.ResponseWriter, r *http.Request, s *scope) {
	out, err := negotiate(r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	var opts metav1.PatchOptions
	if err := queryOptions(r, &opts); err != nil {
		WriteError(w, r, err)
		return
	}
	pt, body, err := a.readPatch(r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	if err := invalidOptions("PatchOptions", metav1validation.ValidatePatchOptions(&opts, pt)); err != nil {
		WriteError(w, r, err)
		return
	}
	dryRun := isDryRun(opts.DryRun)
	apply := func(_ context.Context, current runtime.Object) (runtime.Object, error) {
		return a.applyPatch(w, r, pt, body, current, s.resource.GroupVersionKind(), s.resource.New)
	}
	patched, err := s.store.Update(r.Context(), s.namespace, s.name, apply,
		registry.UpdateOptions{Subresource: s.info.Subresource, DryRun: dryRun})
	if err == nil {
		patched, err = a.transform(r, out, patched, false)
	}
	if err != nil {
		WriteError(w, r, err)
		return
	}
	writeObject(w, http.StatusOK, out, patched)
}

// patchError maps a failure to apply a patch: API errors pass through, a
// patch that is not even JSON is 400, one that does not apply is 422.
func patchError(gvk schema.GroupVersionKind, patch []byte, err error) error {
	var status apierrors.APIStatus
	switch {
	case errors.As(err, &status):
		return err
	case !json.Valid(patch) && !isYAMLPatch(patch):
		return apierrors.NewBadRequest(fmt.Sprintf("error decoding patch: %v", err))
	}
	return apierrors.NewInvalid(gvk.GroupKind(), "", field.ErrorList{
		field.Invalid(field.NewPath("patch"), string(patch), err.Error()),
	})
}

// isYAMLPatch: server-side apply sends YAML, which json.Valid refuses.
func isYAMLPatch(patch []byte) bool {
	return len(patch) > 0 && patch[0] != '{' && patch[0] != '['
}

func unsupportedPatchType(mediaType string) error {
	return &apierrors.StatusError{ErrStatus: metav1.Status{
		Status: metav1.StatusFailure,
		Code:   http.StatusUnsupportedMediaType,
		Reason: metav1.StatusReasonUnsupportedMediaType,
		Message: fmt.Sprintf("the body of the request was in an unknown format - accepted media types include: %s, %s, %s (got %q)",
			types.JSONPatchType, types.MergePatchType, types.StrategicMergePatchType, mediaType),
	}}
}
