package resources

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/client-go/kubernetes/scheme"

	"github.com/kubeling/kubeling/solutions/apiserver/goldentest"

	"github.com/kubeling/kubeling/solutions/apiserver/defaulting"
)

// decodeDefaulted decodes a versioned object and defaults it, as the
// apiserver does before it validates.
func decodeDefaulted(t *testing.T, data []byte) runtime.Object {
	t.Helper()
	obj, _, err := scheme.Codecs.UniversalDeserializer().Decode(data, nil, nil)
	require.NoError(t, err)
	defaulting.Default(obj)
	return obj
}

// mapOrdered are the cases whose errors come from walking a map (labels,
// data keys), which Kubernetes does in random order: only the set of errors
// is compared. (This package sorts the keys, so its order is fixed.)
var mapOrdered = map[string]bool{
	"configmap-bad-keys":         true,
	"pod-bad-resource-names":     true,
	"pod-bad-resources":          true,
	"pod-bad-labels-annotations": true,
	"secret-bad-key":             true,
}

// TestValidationMatchesKubernetes compares ValidateCreate and ValidateUpdate
// with Kubernetes on the cases of testdata/.
func TestValidationMatchesKubernetes(t *testing.T) {
	cases, err := filepath.Glob("testdata/*.case.json")
	require.NoError(t, err)
	require.NotEmpty(t, cases)
	for _, path := range cases {
		name := strings.TrimSuffix(filepath.Base(path), ".case.json")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			var c goldentest.ValidationCase
			require.NoError(t, json.Unmarshal(data, &c))
			data, err = os.ReadFile(strings.TrimSuffix(path, ".case.json") + ".golden.json")
			require.NoError(t, err)
			var want goldentest.ValidationResult
			require.NoError(t, json.Unmarshal(data, &want))

			obj := decodeDefaulted(t, c.Object)
			var errs field.ErrorList
			switch c.Op {
			case "create":
				errs = ValidateCreate(obj)
			case "update":
				errs = ValidateUpdate(obj, decodeDefaulted(t, c.Old))
			default:
				t.Fatalf("unknown op %q", c.Op)
			}

			got := []string{}
			for _, e := range errs {
				got = append(got, goldentest.FirstLine(e.Error()))
			}
			wantErrs := []string{}
			for _, e := range want.Errors {
				wantErrs = append(wantErrs, goldentest.FirstLine(e))
			}
			if mapOrdered[name] {
				sort.Strings(wantErrs)
				sort.Strings(got)
			}
			assert.Equal(t, wantErrs, got)

			if want.Message != "" && len(errs) > 0 && !mapOrdered[name] {
				// The 422's message, which is what kubectl prints.
				m, err := meta.Accessor(obj)
				require.NoError(t, err)
				gk := obj.GetObjectKind().GroupVersionKind().GroupKind()
				status := apierrors.NewInvalid(gk, m.GetName(), errs)
				if strings.Contains(want.Message, "\n") {
					assert.Equal(t, goldentest.FirstLine(want.Message), goldentest.FirstLine(status.Error()))
				} else {
					assert.Equal(t, want.Message, status.Error())
				}
			}
		})
	}
}
