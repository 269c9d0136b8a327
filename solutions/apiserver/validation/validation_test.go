package validation

import (
	"testing"

	"github.com/kubeling/kubeling/solutions/apiserver/defaulting"
	"github.com/kubeling/kubeling/solutions/apiserver/goldentest"
)

// TestValidationMatchesKubernetes compares ValidateCreate and ValidateUpdate
// with Kubernetes on the Deployment, ReplicaSet and ReplicationController
// cases of testdata/ (the other kinds' cases are package
// validation/resources').
func TestValidationMatchesKubernetes(t *testing.T) {
	goldentest.CheckValidation(t, goldentest.Validation{
		Default: defaulting.Default, Create: ValidateCreate, Update: ValidateUpdate,
	})
}
