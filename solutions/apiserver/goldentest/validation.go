package goldentest

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
)

// Validation is the code a validation golden test checks. Default is run on
// each decoded object first, as the apiserver defaults before it validates
// (the caller passes it in: package defaulting's own tests use this package,
// so it cannot import defaulting).
type Validation struct {
	Default func(obj runtime.Object)
	Create  func(obj runtime.Object) field.ErrorList
	Update  func(obj, old runtime.Object) field.ErrorList
	// Unordered names the cases whose errors come from walking a map
	// (labels, data keys), which Kubernetes does in random order: only the
	// set of errors is compared, and not the 422's message.
	Unordered map[string]bool
}

// CheckValidation runs v against every testdata/*.case.json and compares
// its errors, and the 422 message kubectl would print, with Kubernetes'.
func CheckValidation(t *testing.T, v Validation) {
	Each(t, "testdata/*.case.json", func(t *testing.T, path string) {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		var c ValidationCase
		require.NoError(t, json.Unmarshal(data, &c))
		var want ValidationResult
		ReadGolden(t, path, &want)

		obj := v.decode(t, c.Object)
		var errs field.ErrorList
		switch c.Op {
		case "create":
			errs = v.Create(obj)
		case "update":
			errs = v.Update(obj, v.decode(t, c.Old))
		default:
			t.Fatalf("unknown op %q", c.Op)
		}
		unordered := v.Unordered[strings.TrimSuffix(filepath.Base(path), ".case.json")]
		assert.Equal(t, firstLines(want.Errors, unordered), firstLines(errorStrings(errs), unordered))
		if want.Message != "" && len(errs) > 0 && !unordered {
			assertInvalidMessage(t, want.Message, obj, errs)
		}
	})
}

// decode reads a case's versioned object and defaults it.
func (v Validation) decode(t *testing.T, data []byte) runtime.Object {
	t.Helper()
	obj, _, err := scheme.Codecs.UniversalDeserializer().Decode(data, nil, nil)
	require.NoError(t, err)
	v.Default(obj)
	return obj
}

// assertInvalidMessage compares the 422's message, which is what kubectl
// prints, with Kubernetes'.
func assertInvalidMessage(t *testing.T, want string, obj runtime.Object, errs field.ErrorList) {
	m, err := meta.Accessor(obj)
	require.NoError(t, err)
	gk := obj.GetObjectKind().GroupVersionKind().GroupKind()
	got := apierrors.NewInvalid(gk, m.GetName(), errs).Error()
	if strings.Contains(want, "\n") {
		assert.Equal(t, FirstLine(want), FirstLine(got))
	} else {
		assert.Equal(t, want, got)
	}
}

func errorStrings(errs field.ErrorList) []string {
	out := make([]string, 0, len(errs))
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

// firstLines cuts each error to its first line, sorted when the order is
// not Kubernetes' to keep.
func firstLines(errs []string, sorted bool) []string {
	out := make([]string, 0, len(errs))
	for _, e := range errs {
		out = append(out, FirstLine(e))
	}
	if sorted {
		sort.Strings(out)
	}
	return out
}
