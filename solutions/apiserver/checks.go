// This file teaches where admission's two built-in steps plug in:
// defaulting (fill in what the client left out) and validation (refuse
// what is wrong, with 422 and the field path). Both are pure functions of
// the object, in their own packages, as is applying a PATCH (package
// patch, plugged in by New).

package apiserver

import (
	"github.com/kubeling/kubeling/solutions/apiserver/defaulting"
	"github.com/kubeling/kubeling/solutions/apiserver/registry"
	"github.com/kubeling/kubeling/solutions/apiserver/validation"
)

// DefaultChecks returns the defaulting and validation every store runs.
func DefaultChecks() registry.Checks {
	return registry.Checks{
		Default:        defaulting.Default,
		ValidateCreate: validation.ValidateCreate,
		ValidateUpdate: validation.ValidateUpdate,
	}
}
