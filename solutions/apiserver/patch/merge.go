// This file teaches the two generic JSON patches. A JSON patch is a
// program — operations run in order, and one that fails fails them all. A
// merge patch is a shape — laid over the object, replacing what it names
// and deleting what it sets to null; lists are replaced whole. It mirrors
// jsonPatcher.applyJSPatch in Kubernetes v1.37
// staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go.

package patch

import (
	"errors"
	"fmt"

	jsonpatch "gopkg.in/evanphx/json-patch.v4"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
)

// maxJSONPatchOperations bounds the work one request can ask for.
const maxJSONPatchOperations = 10000

func applyJSONPatch(current, patch []byte) ([]byte, error) {
	ops, err := jsonpatch.DecodePatch(patch)
	if err != nil {
		return nil, apierrors.NewBadRequest(err.Error())
	}
	if len(ops) > maxJSONPatchOperations {
		return nil, apierrors.NewRequestEntityTooLargeError(
			fmt.Sprintf("The allowed maximum operations in a JSON patch is %d, got %d", maxJSONPatchOperations, len(ops)))
	}
	patched, err := ops.Apply(current)
	if err != nil {
		return nil, doesNotApply(err)
	}
	return patched, nil
}

func applyMergePatch(current, patch []byte) ([]byte, error) {
	patched, err := jsonpatch.MergePatch(current, patch)
	switch {
	case errors.Is(err, jsonpatch.ErrBadJSONPatch):
		return nil, apierrors.NewBadRequest(err.Error())
	case err != nil:
		return nil, unknownError(err)
	}
	return patched, nil
}
