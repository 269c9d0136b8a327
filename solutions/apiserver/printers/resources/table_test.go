package resources_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes/scheme"

	"github.com/kubeling/kubeling/solutions/apiserver/printers"
	"github.com/kubeling/kubeling/solutions/apiserver/printers/resources"
)

// fixedNow is the instant the fixtures in testdata/tables are written
// against (their timestamps are so many minutes before it).
var fixedNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// golden is a table as recorded from real Kubernetes v1.37.2: the oracle in
// tools/oracle (make golden) runs pkg/printers/internalversion (AddHandlers, with
// GenerateOptions{Wide: true} as the apiserver's TableConvertor does) on
// each *.input.json and writes *.golden.json.
type golden struct {
	Columns []struct {
		Name        string `json:"name"`
		Type        string `json:"type"`
		Format      string `json:"format"`
		Priority    int32  `json:"priority"`
		Description string `json:"description"`
	} `json:"columns"`
	Rows       [][]interface{}              `json:"rows"`
	Conditions [][]metav1.TableRowCondition `json:"conditions"`
}

func decodeFixture(t testing.TB, path string) runtime.Object {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	// The deserializer neither defaults nor converts: the printer sees the
	// fixture exactly as written, as the oracle's printer did.
	obj, _, err := scheme.Codecs.UniversalDeserializer().Decode(data, nil, nil)
	require.NoError(t, err, path)
	return obj
}

// TestToTableMatchesKubernetes compares every column and cell with what
// Kubernetes v1.37.2's own printers produced for the same objects, printed
// through package printers as the apiserver prints them.
func TestToTableMatchesKubernetes(t *testing.T) {
	inputs, err := filepath.Glob("testdata/tables/*.input.json")
	require.NoError(t, err)
	require.NotEmpty(t, inputs)
	for _, input := range inputs {
		name := strings.TrimSuffix(filepath.Base(input), ".input.json")
		t.Run(name, func(t *testing.T) {
			obj := decodeFixture(t, input)
			data, err := os.ReadFile(strings.TrimSuffix(input, ".input.json") + ".golden.json")
			require.NoError(t, err)
			var want golden
			require.NoError(t, json.Unmarshal(data, &want))

			table, err := printers.ToTable(obj, printers.Options{Wide: true, Now: fixedNow})
			require.NoError(t, err)

			require.Len(t, table.ColumnDefinitions, len(want.Columns))
			for i, c := range want.Columns {
				got := table.ColumnDefinitions[i]
				assert.Equal(t, c.Name, got.Name)
				assert.Equal(t, c.Type, got.Type, c.Name)
				assert.Equal(t, c.Format, got.Format, c.Name)
				assert.Equal(t, c.Priority, got.Priority, c.Name)
				assert.Equal(t, c.Description, got.Description, c.Name)
			}

			require.Len(t, table.Rows, len(want.Rows))
			for i, row := range table.Rows {
				// Compare as JSON so that a cell's type counts: "3" and 3
				// print the same in kubectl but are different on the wire.
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
		})
	}
}

func TestAge(t *testing.T) {
	tests := []struct {
		ago  time.Duration
		want string
	}{
		{5 * time.Second, "5s"},
		{119 * time.Second, "119s"},
		{3*time.Minute + 2*time.Second, "3m2s"},
		{4 * time.Hour, "4h"},
		{51*time.Hour + 10*time.Minute, "2d3h"},
		{9 * 24 * time.Hour, "9d"},
		{400 * 24 * time.Hour, "400d"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, resources.Age(metav1.NewTime(fixedNow.Add(-tt.ago)), fixedNow), tt.ago.String())
	}
	assert.Equal(t, "<unknown>", resources.Age(metav1.Time{}, fixedNow))
}
