package printers

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes/scheme"
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
// Kubernetes v1.37.2's own printers produced for the same objects.
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

			table, err := ToTable(obj, Options{Wide: true, Now: fixedNow})
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

func TestToTableNarrowDropsWideColumns(t *testing.T) {
	obj := decodeFixture(t, "testdata/tables/pods.input.json")
	table, err := ToTable(obj, Options{Now: fixedNow})
	require.NoError(t, err)

	var names []string
	for _, c := range table.ColumnDefinitions {
		names = append(names, c.Name)
	}
	assert.Equal(t, []string{"Name", "Ready", "Status", "Restarts", "Age"}, names)
	assert.Equal(t, []interface{}{"nginx-running", "1/1", "Running", "0", "5m3s"}, table.Rows[0].Cells)
	assert.Equal(t, []interface{}{"crashing", "0/1", "CrashLoopBackOff", "4 (40s ago)", "4h"}, table.Rows[4].Cells)
}

func TestToTableListMeta(t *testing.T) {
	list := decodeFixture(t, "testdata/tables/pods.input.json")
	table, err := ToTable(list, Options{Now: fixedNow})
	require.NoError(t, err)
	assert.Equal(t, "1234", table.ResourceVersion)
	assert.Equal(t, "token", table.Continue)
	assert.Equal(t, "Table", table.Kind)
	assert.Equal(t, "meta.k8s.io/v1", table.APIVersion)

	single := decodeFixture(t, "testdata/tables/pod.input.json")
	table, err = ToTable(single, Options{Now: fixedNow})
	require.NoError(t, err)
	assert.Equal(t, "77", table.ResourceVersion)
	require.Len(t, table.Rows, 1)
}

func TestToTableNoHeaders(t *testing.T) {
	table, err := ToTable(decodeFixture(t, "testdata/tables/pods.input.json"), Options{NoHeaders: true, Now: fixedNow})
	require.NoError(t, err)
	assert.Empty(t, table.ColumnDefinitions)
	assert.Len(t, table.Rows[0].Cells, 5)
}

func TestToTableIncludeObject(t *testing.T) {
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "p", Namespace: "default", ResourceVersion: "5", Labels: map[string]string{"app": "x"}},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "i"}}},
	}
	before := pod.DeepCopy()

	tests := []struct {
		policy metav1.IncludeObjectPolicy
		check  func(t *testing.T, obj runtime.Object)
	}{
		{metav1.IncludeNone, func(t *testing.T, obj runtime.Object) { assert.Nil(t, obj) }},
		{metav1.IncludeMetadata, func(t *testing.T, obj runtime.Object) {
			partial, ok := obj.(*metav1.PartialObjectMetadata)
			require.True(t, ok, "got %T", obj)
			assert.Equal(t, "PartialObjectMetadata", partial.Kind)
			assert.Equal(t, "meta.k8s.io/v1", partial.APIVersion)
			assert.Equal(t, "p", partial.Name)
			assert.Equal(t, "x", partial.Labels["app"])
		}},
		// kubectl sends no includeObject with some requests; the apiserver
		// treats that as Metadata.
		{"", func(t *testing.T, obj runtime.Object) {
			assert.IsType(t, &metav1.PartialObjectMetadata{}, obj)
		}},
		{metav1.IncludeObject, func(t *testing.T, obj runtime.Object) {
			full, ok := obj.(*corev1.Pod)
			require.True(t, ok, "got %T", obj)
			assert.Equal(t, "Pod", full.Kind)
			assert.Equal(t, "v1", full.APIVersion)
			assert.Equal(t, "i", full.Spec.Containers[0].Image)
		}},
	}
	for _, tt := range tests {
		t.Run(string(tt.policy), func(t *testing.T) {
			table, err := ToTable(pod, Options{IncludeObject: tt.policy, Now: fixedNow})
			require.NoError(t, err)
			require.Len(t, table.Rows, 1)
			tt.check(t, table.Rows[0].Object.Object)
			assert.Equal(t, before, pod, "ToTable must not modify its input")
		})
	}

	_, err := ToTable(pod, Options{IncludeObject: "Everything"})
	require.Error(t, err)
	assert.True(t, apierrors.IsBadRequest(err), "got %v", err)
}

func TestToTableDefaultColumns(t *testing.T) {
	created := metav1.NewTime(fixedNow.Add(-time.Hour))
	role := &rbacv1.ClusterRoleList{Items: []rbacv1.ClusterRole{{ObjectMeta: metav1.ObjectMeta{Name: "admin", CreationTimestamp: created}}}}
	table, err := ToTable(role, Options{Wide: true, Now: fixedNow})
	require.NoError(t, err)
	require.Len(t, table.ColumnDefinitions, 2)
	assert.Equal(t, "Name", table.ColumnDefinitions[0].Name)
	assert.Equal(t, "Created At", table.ColumnDefinitions[1].Name)
	assert.Equal(t, "date", table.ColumnDefinitions[1].Type)
	assert.Equal(t, []interface{}{"admin", "2026-03-01T11:00:00Z"}, table.Rows[0].Cells)
}

func TestToTableRejectsObjectsWithoutMetadata(t *testing.T) {
	_, err := ToTable(&metav1.Status{}, Options{})
	require.Error(t, err)
	var status *apierrors.StatusError
	require.ErrorAs(t, err, &status)
	assert.Equal(t, int32(406), status.ErrStatus.Code)
	assert.Equal(t, metav1.StatusReason("NotAcceptable"), status.ErrStatus.Reason)
}

func BenchmarkToTable1000Pods(b *testing.B) {
	list := &corev1.PodList{ListMeta: metav1.ListMeta{ResourceVersion: "1"}}
	pod := decodeFixture(b, "testdata/tables/pod.input.json").(*corev1.Pod)
	for i := range 1000 {
		p := pod.DeepCopy()
		p.Name = fmt.Sprintf("nginx-%04d", i)
		list.Items = append(list.Items, *p)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ToTable(list, Options{Wide: true, Now: fixedNow}); err != nil {
			b.Fatal(err)
		}
	}
}
