package apiserver_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/dynamic"
	"k8s.io/utils/ptr"

	"github.com/kubeling/kubeling/solutions/apiserver/apiservertest"
)

// The other API groups are served by the same generic store: a Job is
// created without status, gets its status only through /status, and counts
// generations, as a Deployment does.
func TestOtherGroupsAreStoredLikeAnyResource(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	ctx := context.Background()
	jobs := srv.Client.BatchV1().Jobs("default")
	job := &batchv1.Job{
		ObjectMeta: metav1.ObjectMeta{Name: "pi"},
		Spec: batchv1.JobSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
			RestartPolicy: corev1.RestartPolicyNever,
			Containers:    []corev1.Container{{Name: "pi", Image: "perl"}},
		}}},
		Status: batchv1.JobStatus{Succeeded: 1},
	}
	created, err := jobs.Create(ctx, job, metav1.CreateOptions{})
	require.NoError(t, err)
	assert.Zero(t, created.Status.Succeeded, "a client cannot create status")
	assert.Equal(t, int64(1), created.Generation)

	created.Status.Active = 1
	updated, err := jobs.UpdateStatus(ctx, created, metav1.UpdateOptions{})
	require.NoError(t, err)
	assert.Equal(t, int32(1), updated.Status.Active)
	list, err := jobs.List(ctx, metav1.ListOptions{})
	require.NoError(t, err)
	require.Len(t, list.Items, 1)
	assert.Equal(t, updated.ResourceVersion, list.Items[0].ResourceVersion)
}

// autoscaling/v1 and v2 are two views of one stored HPA.
func TestHorizontalPodAutoscalersInTwoVersions(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	ctx := context.Background()
	hpa := &autoscalingv1.HorizontalPodAutoscaler{
		ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: autoscalingv1.HorizontalPodAutoscalerSpec{
			ScaleTargetRef:                 autoscalingv1.CrossVersionObjectReference{APIVersion: "apps/v1", Kind: "Deployment", Name: "web"},
			MinReplicas:                    ptr.To[int32](1),
			MaxReplicas:                    5,
			TargetCPUUtilizationPercentage: ptr.To[int32](50),
		},
	}
	_, err := srv.Client.AutoscalingV1().HorizontalPodAutoscalers("default").Create(ctx, hpa, metav1.CreateOptions{})
	require.NoError(t, err)

	v2, err := srv.Client.AutoscalingV2().HorizontalPodAutoscalers("default").Get(ctx, "web", metav1.GetOptions{})
	require.NoError(t, err)
	require.Len(t, v2.Spec.Metrics, 1)
	assert.Equal(t, corev1.ResourceCPU, v2.Spec.Metrics[0].Resource.Name)
	assert.Equal(t, int32(50), *v2.Spec.Metrics[0].Resource.Target.AverageUtilization)
	assert.Equal(t, "web", v2.Spec.ScaleTargetRef.Name)

	v2.Spec.MaxReplicas = 7
	_, err = srv.Client.AutoscalingV2().HorizontalPodAutoscalers("default").Update(ctx, v2, metav1.UpdateOptions{})
	require.NoError(t, err)
	v1s, err := srv.Client.AutoscalingV1().HorizontalPodAutoscalers("default").List(ctx, metav1.ListOptions{})
	require.NoError(t, err)
	require.Len(t, v1s.Items, 1)
	assert.Equal(t, int32(7), v1s.Items[0].Spec.MaxReplicas)
	assert.Equal(t, int32(50), *v1s.Items[0].Spec.TargetCPUUtilizationPercentage)
	raw := do(t, "GET", srv.URL+"/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers", "")
	assert.Contains(t, string(raw.body), `"kind":"HorizontalPodAutoscalerList","apiVersion":"autoscaling/v1"`)
	assert.Contains(t, string(raw.body), `"targetCPUUtilizationPercentage":50`)
}

// CustomResourceDefinitions have no Go type in the course's modules: they
// are kept as unstructured JSON, with every verb but strategic merge patch.
func TestCustomResourceDefinitionsAreUnstructured(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	ctx := context.Background()
	dyn, err := dynamic.NewForConfig(srv.RESTConfig)
	require.NoError(t, err)
	crds := dyn.Resource(schema.GroupVersionResource{Group: "apiextensions.k8s.io", Version: "v1", Resource: "customresourcedefinitions"})
	crd := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
		"metadata": map[string]any{"name": "crontabs.stable.example.com"},
		"spec": map[string]any{
			"group": "stable.example.com", "scope": "Namespaced",
			"names": map[string]any{"plural": "crontabs", "singular": "crontab", "kind": "CronTab"},
		},
	}}
	created, err := crds.Create(ctx, crd, metav1.CreateOptions{})
	require.NoError(t, err)
	assert.NotEmpty(t, created.GetUID())
	assert.NotEmpty(t, created.GetResourceVersion())
	plural, _, _ := unstructured.NestedString(created.Object, "spec", "names", "plural")
	assert.Equal(t, "crontabs", plural)

	patched, err := crds.Patch(ctx, "crontabs.stable.example.com", types.MergePatchType,
		[]byte(`{"metadata":{"labels":{"tier":"api"}}}`), metav1.PatchOptions{})
	require.NoError(t, err)
	assert.Equal(t, "api", patched.GetLabels()["tier"])
	_, err = crds.Patch(ctx, "crontabs.stable.example.com", types.StrategicMergePatchType,
		[]byte(`{"metadata":{"labels":{"tier":"db"}}}`), metav1.PatchOptions{})
	assertAPIError(t, err, 415)

	list, err := crds.List(ctx, metav1.ListOptions{LabelSelector: "tier=api"})
	require.NoError(t, err)
	require.Len(t, list.Items, 1)
	assert.Equal(t, "CustomResourceDefinitionList", list.GetKind())
	require.NoError(t, crds.Delete(ctx, "crontabs.stable.example.com", metav1.DeleteOptions{}))
	_, err = crds.Get(ctx, "crontabs.stable.example.com", metav1.GetOptions{})
	assertAPIError(t, err, 404)
}
