// Package goldentest reads the golden files that tools/oracle (make golden)
// records from real Kubernetes v1.37.2, for the tests of the apiserver's
// defaulting, validation and printers — the chapter's packages and their
// reference-only resources packages alike. It teaches nothing about
// Kubernetes; it keeps one harness where there would be two copies.
//
// A case is a file NAME.input.json (or NAME.case.json) in a testdata
// folder; what Kubernetes made of it is NAME.golden.json beside it.
package goldentest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes/scheme"
)

// Each runs fn as a subtest for every file matching pattern (such as
// "testdata/*.input.json"), named after the file without its suffix.
// A pattern that matches nothing fails the test: a moved testdata folder
// must not pass silently.
func Each(t *testing.T, pattern string, fn func(t *testing.T, input string)) {
	t.Helper()
	inputs, err := filepath.Glob(pattern)
	require.NoError(t, err)
	require.NotEmpty(t, inputs, "no golden cases match %s", pattern)
	suffix := filepath.Ext(strings.TrimSuffix(pattern, ".json")) + ".json"
	for _, input := range inputs {
		t.Run(strings.TrimSuffix(filepath.Base(input), suffix), func(t *testing.T) { fn(t, input) })
	}
}

// Decode reads a versioned object from a file. The deserializer neither
// defaults nor converts: the code under test sees the object exactly as a
// client sent it, as the oracle's Kubernetes did.
func Decode(t testing.TB, path string) runtime.Object {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	obj, _, err := scheme.Codecs.UniversalDeserializer().Decode(data, nil, nil)
	require.NoError(t, err, path)
	return obj
}

// GoldenPath names the golden file of a case file.
func GoldenPath(input string) string {
	ext := filepath.Ext(strings.TrimSuffix(input, ".json"))
	return strings.TrimSuffix(input, ext+".json") + ".golden.json"
}

// ReadGolden decodes the golden file of a case into v.
func ReadGolden(t testing.TB, input string, v any) {
	t.Helper()
	data, err := os.ReadFile(GoldenPath(input))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, v))
}

// Table is a table as Kubernetes' printers (pkg/printers/internalversion,
// GenerateOptions{Wide: true}, as the apiserver's TableConvertor runs them)
// printed it.
type Table struct {
	Columns []struct {
		Name        string `json:"name"`
		Type        string `json:"type"`
		Format      string `json:"format"`
		Priority    int32  `json:"priority"`
		Description string `json:"description"`
	} `json:"columns"`
	Rows       [][]any                      `json:"rows"`
	Conditions [][]metav1.TableRowCondition `json:"conditions"`
}

// AssertTable compares every column and cell of got with want.
func AssertTable(t *testing.T, want Table, got *metav1.Table) {
	t.Helper()
	require.Len(t, got.ColumnDefinitions, len(want.Columns))
	for i, c := range want.Columns {
		g := got.ColumnDefinitions[i]
		assert.Equal(t, c.Name, g.Name)
		assert.Equal(t, c.Type, g.Type, c.Name)
		assert.Equal(t, c.Format, g.Format, c.Name)
		assert.Equal(t, c.Priority, g.Priority, c.Name)
		assert.Equal(t, c.Description, g.Description, c.Name)
	}
	require.Len(t, got.Rows, len(want.Rows))
	for i, row := range got.Rows {
		// Compare as JSON so that a cell's type counts: "3" and 3 print the
		// same in kubectl but are different on the wire.
		gotCells, err := json.Marshal(row.Cells)
		require.NoError(t, err)
		wantCells, err := json.Marshal(want.Rows[i])
		require.NoError(t, err)
		assert.JSONEq(t, string(wantCells), string(gotCells), "row %d", i)
		if len(want.Conditions) > i && len(want.Conditions[i]) > 0 {
			assert.Equal(t, want.Conditions[i], row.Conditions, "row %d conditions", i)
		} else {
			assert.Empty(t, row.Conditions, "row %d conditions", i)
		}
	}
}

// ValidationCase is one testdata/*.case.json of the validation tests: an
// object to create, or to update over Old.
type ValidationCase struct {
	Op     string          `json:"op"`
	Object json.RawMessage `json:"object"`
	Old    json.RawMessage `json:"old"`
}

// ValidationResult is what Kubernetes' apiserver said of the same case: it
// decodes, defaults and admits the object, then runs the resource's
// registry strategy through rest.ValidateCreate or rest.ValidateUpdate.
type ValidationResult struct {
	Errors  []string `json:"errors"`
	Message string   `json:"message"`
}

// FirstLine cuts the diff Kubernetes appends to a forbidden pod update: it
// prints Kubernetes' internal types, which the teaching cluster does not have.
func FirstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
