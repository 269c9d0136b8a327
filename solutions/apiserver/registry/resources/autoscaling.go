// This file teaches a second case of one object in two versions:
// HorizontalPodAutoscalers are stored as autoscaling/v2 and also served as
// autoscaling/v1, whose single CPU target is one of v2's list of metrics.
// Kubernetes converts the same way on every read and write (and keeps what
// v1 cannot express in annotations, which this teaching cluster does not:
// an update through v1 replaces the metrics with the CPU target alone).

package resources

import (
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubeling/kubeling/solutions/apiserver/registry"
)

func horizontalPodAutoscalers() []*registry.Resource {
	return []*registry.Resource{
		{
			GroupVersion: autoscalingv2.SchemeGroupVersion, Name: "horizontalpodautoscalers", SingularName: "horizontalpodautoscaler",
			Kind: "HorizontalPodAutoscaler", Namespaced: true, ShortNames: []string{"hpa"}, Categories: []string{"all"},
			Subresources: []string{"status"}, TracksGeneration: true,
			New:     func() runtime.Object { return &autoscalingv2.HorizontalPodAutoscaler{} },
			NewList: func() runtime.Object { return &autoscalingv2.HorizontalPodAutoscalerList{} },
			PrepareForCreate: func(obj runtime.Object) {
				obj.(*autoscalingv2.HorizontalPodAutoscaler).Status = autoscalingv2.HorizontalPodAutoscalerStatus{}
			},
		},
		{
			// The same objects as autoscaling/v2's, seen through the older
			// schema (below).
			GroupVersion: autoscalingv1.SchemeGroupVersion, Name: "horizontalpodautoscalers", SingularName: "horizontalpodautoscaler",
			Kind: "HorizontalPodAutoscaler", Namespaced: true, ShortNames: []string{"hpa"}, Categories: []string{"all"},
			Subresources: []string{"status"}, TracksGeneration: true,
			New:     func() runtime.Object { return &autoscalingv1.HorizontalPodAutoscaler{} },
			NewList: func() runtime.Object { return &autoscalingv1.HorizontalPodAutoscalerList{} },
			PrepareForCreate: func(obj runtime.Object) {
				obj.(*autoscalingv1.HorizontalPodAutoscaler).Status = autoscalingv1.HorizontalPodAutoscalerStatus{}
			},
			Conversion: autoscalingV1Conversion,
		},
	}
}

// autoscalingV1Conversion stores autoscaling/v1 HPAs as autoscaling/v2.
var autoscalingV1Conversion = &registry.Conversion{
	StorageNew: func() runtime.Object { return &autoscalingv2.HorizontalPodAutoscaler{} },
	ToStorage: func(obj runtime.Object) runtime.Object {
		return hpaV2Of(obj.(*autoscalingv1.HorizontalPodAutoscaler))
	},
	FromStorage: func(stored runtime.Object) runtime.Object {
		return hpaV1Of(stored.(*autoscalingv2.HorizontalPodAutoscaler))
	},
}

func hpaV2Of(in *autoscalingv1.HorizontalPodAutoscaler) *autoscalingv2.HorizontalPodAutoscaler {
	out := &autoscalingv2.HorizontalPodAutoscaler{
		ObjectMeta: in.ObjectMeta,
		Spec: autoscalingv2.HorizontalPodAutoscalerSpec{
			ScaleTargetRef: autoscalingv2.CrossVersionObjectReference(in.Spec.ScaleTargetRef),
			MinReplicas:    in.Spec.MinReplicas,
			MaxReplicas:    in.Spec.MaxReplicas,
		},
		Status: autoscalingv2.HorizontalPodAutoscalerStatus{
			ObservedGeneration: in.Status.ObservedGeneration,
			LastScaleTime:      in.Status.LastScaleTime,
			CurrentReplicas:    in.Status.CurrentReplicas,
			DesiredReplicas:    in.Status.DesiredReplicas,
		},
	}
	if p := in.Spec.TargetCPUUtilizationPercentage; p != nil {
		out.Spec.Metrics = []autoscalingv2.MetricSpec{{
			Type: autoscalingv2.ResourceMetricSourceType,
			Resource: &autoscalingv2.ResourceMetricSource{
				Name:   corev1.ResourceCPU,
				Target: autoscalingv2.MetricTarget{Type: autoscalingv2.UtilizationMetricType, AverageUtilization: p},
			},
		}}
	}
	if p := in.Status.CurrentCPUUtilizationPercentage; p != nil {
		out.Status.CurrentMetrics = []autoscalingv2.MetricStatus{{
			Type: autoscalingv2.ResourceMetricSourceType,
			Resource: &autoscalingv2.ResourceMetricStatus{
				Name:    corev1.ResourceCPU,
				Current: autoscalingv2.MetricValueStatus{AverageUtilization: p},
			},
		}}
	}
	out.APIVersion, out.Kind = autoscalingv2.SchemeGroupVersion.String(), "HorizontalPodAutoscaler"
	return out
}

func hpaV1Of(in *autoscalingv2.HorizontalPodAutoscaler) *autoscalingv1.HorizontalPodAutoscaler {
	out := &autoscalingv1.HorizontalPodAutoscaler{
		ObjectMeta: in.ObjectMeta,
		Spec: autoscalingv1.HorizontalPodAutoscalerSpec{
			ScaleTargetRef: autoscalingv1.CrossVersionObjectReference(in.Spec.ScaleTargetRef),
			MinReplicas:    in.Spec.MinReplicas,
			MaxReplicas:    in.Spec.MaxReplicas,
		},
		Status: autoscalingv1.HorizontalPodAutoscalerStatus{
			ObservedGeneration: in.Status.ObservedGeneration,
			LastScaleTime:      in.Status.LastScaleTime,
			CurrentReplicas:    in.Status.CurrentReplicas,
			DesiredReplicas:    in.Status.DesiredReplicas,
		},
	}
	for _, m := range in.Spec.Metrics {
		if m.Type == autoscalingv2.ResourceMetricSourceType && m.Resource != nil && m.Resource.Name == corev1.ResourceCPU &&
			m.Resource.Target.Type == autoscalingv2.UtilizationMetricType {
			out.Spec.TargetCPUUtilizationPercentage = m.Resource.Target.AverageUtilization
		}
	}
	for _, m := range in.Status.CurrentMetrics {
		if m.Type == autoscalingv2.ResourceMetricSourceType && m.Resource != nil && m.Resource.Name == corev1.ResourceCPU {
			out.Status.CurrentCPUUtilizationPercentage = m.Resource.Current.AverageUtilization
		}
	}
	out.APIVersion, out.Kind = autoscalingv1.SchemeGroupVersion.String(), "HorizontalPodAutoscaler"
	return out
}
