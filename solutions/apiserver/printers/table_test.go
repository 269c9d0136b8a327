package printers

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubeling/kubeling/solutions/apiserver/goldentest"
)

// fixedNow is the instant the fixtures in testdata/tables are written
// against (their timestamps are so many minutes before it).
var fixedNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// TestToTableMatchesKubernetes compares every column and cell with what
// Kubernetes v1.37.2's own printers produced for the same objects.
func TestToTableMatchesKubernetes(t *testing.T) {
	goldentest.Each(t, "testdata/tables/*.input.json", func(t *testing.T, input string) {
		obj := goldentest.Decode(t, input)
		var want goldentest.Table
		goldentest.ReadGolden(t, input, &want)
		table, err := ToTable(obj, Options{Wide: true, Now: fixedNow})
		require.NoError(t, err)
		goldentest.AssertTable(t, want, table)
	})
}

func TestToTableNarrowDropsWideColumns(t *testing.T) {
	obj := goldentest.Decode(t, "testdata/tables/pods.input.json")
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
	list := goldentest.Decode(t, "testdata/tables/pods.input.json")
	table, err := ToTable(list, Options{Now: fixedNow})
	require.NoError(t, err)
	assert.Equal(t, "1234", table.ResourceVersion)
	assert.Equal(t, "token", table.Continue)
	assert.Equal(t, "Table", table.Kind)
	assert.Equal(t, "meta.k8s.io/v1", table.APIVersion)

	single := goldentest.Decode(t, "testdata/tables/pod.input.json")
	table, err = ToTable(single, Options{Now: fixedNow})
	require.NoError(t, err)
	assert.Equal(t, "77", table.ResourceVersion)
	require.Len(t, table.Rows, 1)
}

func TestToTableNoHeaders(t *testing.T) {
	table, err := ToTable(goldentest.Decode(t, "testdata/tables/pods.input.json"), Options{NoHeaders: true, Now: fixedNow})
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
	pod := goldentest.Decode(b, "testdata/tables/pod.input.json").(*corev1.Pod)
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
