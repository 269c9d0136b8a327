// This file teaches the strategic merge patch, Kubernetes' own: a merge
// patch that reads the Go type's patchStrategy and patchMergeKey tags, so
// that {"containers":[{"name":"nginx","image":"nginx:1.28"}]} changes one
// container's image instead of replacing the list, and that understands
// directives such as "$patch": "delete". It mirrors strategicPatchObject,
// applyPatchToObject and interpretStrategicMergePatchError in Kubernetes
// v1.37 staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go.

package patch

import (
	"encoding/json"
	"fmt"
	"net/http"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/mergepatch"
	"k8s.io/apimachinery/pkg/util/strategicpatch"
	kjson "sigs.k8s.io/json"
)

func applyStrategicMergePatch(current, patch []byte, schemaObj runtime.Object) ([]byte, error) {
	original := map[string]interface{}{}
	if err := kjson.UnmarshalCaseSensitivePreserveInts(current, &original); err != nil {
		return nil, unknownError(fmt.Errorf("decoding the current object: %w", err))
	}
	patchMap := map[string]interface{}{}
	if err := kjson.UnmarshalCaseSensitivePreserveInts(patch, &patchMap); err != nil {
		return nil, apierrors.NewBadRequest(err.Error())
	}

	patched, err := strategicpatch.StrategicMergeMapPatch(original, patchMap, schemaObj)
	if err != nil {
		return nil, strategicPatchError(err)
	}

	// The patched map becomes an object of the schema's type, as the
	// apiserver converts it; what does not fit is a 422.
	obj := newOfType(schemaObj)
	if err := runtime.DefaultUnstructuredConverter.FromUnstructured(patched, obj); err != nil {
		return nil, invalidPatch(fmt.Sprintf("%+v", patchMap), err)
	}
	out, err := json.Marshal(obj)
	if err != nil {
		return nil, unknownError(fmt.Errorf("encoding the patched %T: %w", obj, err))
	}
	return out, nil
}

// strategicPatchError maps the strategicpatch library's errors to HTTP
// codes: a malformed patch is a 400, a patch that cannot apply to this
// object a 422. Anything else Kubernetes does not expect either (500).
func strategicPatchError(err error) error {
	switch err {
	case mergepatch.ErrBadJSONDoc, mergepatch.ErrBadPatchFormatForPrimitiveList, mergepatch.ErrBadPatchFormatForRetainKeys,
		mergepatch.ErrBadPatchFormatForSetElementOrderList, mergepatch.ErrUnsupportedStrategicMergePatchFormat:
		return apierrors.NewBadRequest(err.Error())
	case mergepatch.ErrNoListOfLists, mergepatch.ErrPatchContentNotMatchRetainKeys:
		return apierrors.NewGenericServerResponse(http.StatusUnprocessableEntity, "", schema.GroupResource{}, "", err.Error(), 0, false)
	}
	return unknownError(err)
}
