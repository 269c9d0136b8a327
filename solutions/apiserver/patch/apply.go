// This file teaches how the apiserver applies a PATCH: pick the mechanism
// by the request's Content-Type, apply it to the stored object's JSON, and
// check that the result is still an object of the right type. It mirrors
// PatchResource, jsonPatcher.applyJSPatch and smpPatcher in Kubernetes
// v1.37 staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go.

package patch

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/validation/field"
	kjson "sigs.k8s.io/json"
)

// Apply applies patch, of type pt, to current, the JSON of the stored
// object, and returns the patched object's JSON.
//
// schema is an object of the resource's Go type (such as
// &appsv1.Deployment{}); its contents are not used. Strategic merge patch
// needs it to know how each list merges; all patch types use it to check
// the result. A nil schema means the resource has no Go type (a custom
// resource), which takes JSON and merge patches only.
func Apply(pt types.PatchType, current, patch []byte, schema runtime.Object) ([]byte, error) {
	accepted := []types.PatchType{types.JSONPatchType, types.MergePatchType, types.StrategicMergePatchType}
	if schema == nil {
		accepted = accepted[:2]
	}
	if !supported(pt, accepted) {
		return nil, unsupportedMediaType(accepted)
	}
	if !json.Valid(patch) {
		return nil, apierrors.NewBadRequest("invalid JSON patch")
	}

	var patched []byte
	var err error
	switch pt {
	case types.JSONPatchType:
		patched, err = applyJSONPatch(current, patch)
	case types.MergePatchType:
		patched, err = applyMergePatch(current, patch)
	case types.StrategicMergePatchType:
		return applyStrategicMergePatch(current, patch, schema)
	}
	if err != nil {
		return nil, err
	}
	if schema == nil {
		return patched, nil
	}
	return asType(patched, schema)
}

func supported(pt types.PatchType, accepted []types.PatchType) bool {
	for _, a := range accepted {
		if pt == a {
			return true
		}
	}
	return false
}

// asType decodes the patched JSON into a new object of schema's type and
// encodes it again: the object the apiserver would store. A patch that
// broke the object (a string where a number goes, a list where an object
// goes) is a 422 that shows the patched JSON.
func asType(patched []byte, schema runtime.Object) ([]byte, error) {
	obj := newOfType(schema)
	if err := kjson.UnmarshalCaseSensitivePreserveInts(patched, obj); err != nil {
		return nil, invalidPatch(string(patched), err)
	}
	out, err := json.Marshal(obj)
	if err != nil {
		return nil, unknownError(fmt.Errorf("encoding the patched %T: %w", obj, err))
	}
	return out, nil
}

// newOfType returns a new, empty object of the same Go type as schema.
func newOfType(schema runtime.Object) runtime.Object {
	return reflect.New(reflect.TypeOf(schema).Elem()).Interface().(runtime.Object)
}

// invalidPatch is the 422 for a patch whose result is not a valid object;
// value is what Kubernetes shows of it (the patched JSON, or the patch).
func invalidPatch(value string, err error) error {
	return apierrors.NewInvalid(schema.GroupKind{}, "", field.ErrorList{
		field.Invalid(field.NewPath("patch"), value, err.Error()),
	})
}

// doesNotApply is the 422 Kubernetes answers when a well-formed patch does
// not apply to the object (a JSON patch "test" fails, a path is missing).
// Like Kubernetes, it keeps the reason out of the message.
func doesNotApply(err error) error {
	return apierrors.NewGenericServerResponse(http.StatusUnprocessableEntity, "", schema.GroupResource{}, "", err.Error(), 0, false)
}

// unsupportedMediaType is the 415 for a patch type the resource does not
// take.
func unsupportedMediaType(accepted []types.PatchType) error {
	names := make([]string, len(accepted))
	for i, a := range accepted {
		names[i] = string(a)
	}
	return &apierrors.StatusError{ErrStatus: metav1.Status{
		Status: metav1.StatusFailure,
		Code:   http.StatusUnsupportedMediaType,
		Reason: metav1.StatusReasonUnsupportedMediaType,
		Message: "the body of the request was in an unknown format - accepted media types include: " +
			strings.Join(names, ", "),
	}}
}

// unknownError is how the apiserver reports an error it did not expect:
// 500 with reason Unknown and the error's own words.
func unknownError(err error) error {
	return &apierrors.StatusError{ErrStatus: metav1.Status{
		Status:  metav1.StatusFailure,
		Code:    http.StatusInternalServerError,
		Reason:  metav1.StatusReasonUnknown,
		Message: err.Error(),
	}}
}
