package resources

import (
	"testing"

	"github.com/kubeling/kubeling/solutions/apiserver/defaulting"
	"github.com/kubeling/kubeling/solutions/apiserver/goldentest"
)

// TestValidationMatchesKubernetes compares ValidateCreate and ValidateUpdate
// with Kubernetes on the cases of testdata/. The cases whose errors come
// from walking a map (labels, data keys) are compared as sets: Kubernetes
// walks maps in random order (this package sorts the keys, so its order is
// fixed).
func TestValidationMatchesKubernetes(t *testing.T) {
	goldentest.CheckValidation(t, goldentest.Validation{
		Default: defaulting.Default, Create: ValidateCreate, Update: ValidateUpdate,
		Unordered: map[string]bool{
			"configmap-bad-keys":         true,
			"pod-bad-resource-names":     true,
			"pod-bad-resources":          true,
			"pod-bad-labels-annotations": true,
			"secret-bad-key":             true,
		},
	})
}
