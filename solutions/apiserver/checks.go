// This file teaches where admission's two built-in steps plug in:
// defaulting (fill in what the client left out) and validation (refuse
// what is wrong, with 422 and the field path), and where PATCH bodies are
// applied. All three are pure functions of the objects, in their own
// packages.

package apiserver

import (
	"fmt"

	jsonpatch "gopkg.in/evanphx/json-patch.v4"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/strategicpatch"

	"github.com/kubeling/kubeling/solutions/apiserver/defaulting"
	"github.com/kubeling/kubeling/solutions/apiserver/registry"
)

// DefaultChecks returns the defaulting and validation every store runs.
func DefaultChecks() registry.Checks {
	return registry.Checks{Default: defaulting.Default}
}

// DefaultPatch applies PATCH bodies.
func DefaultPatch(pt types.PatchType, current, patch []byte, schema runtime.Object) ([]byte, error) {
	switch pt {
	case types.JSONPatchType:
		p, err := jsonpatch.DecodePatch(patch)
		if err != nil {
			return nil, err
		}
		return p.Apply(current)
	case types.MergePatchType:
		return jsonpatch.MergePatch(current, patch)
	case types.StrategicMergePatchType:
		return strategicpatch.StrategicMergePatch(current, patch, schema)
	}
	return nil, fmt.Errorf("patch type %s is not supported", pt)
}
