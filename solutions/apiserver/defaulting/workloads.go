// This file teaches the defaults of the workload controllers' objects: one
// replica, a RollingUpdate that may run 25% extra pods and have 25% missing,
// ten old ReplicaSets kept for rollback, ten minutes to make progress — and
// the pod defaults applied to their templates. It mirrors SetDefaults_Deployment
// and SetDefaults_ReplicaSet in Kubernetes v1.37 pkg/apis/apps/v1/defaults.go,
// and SetDefaults_ReplicationController in pkg/apis/core/v1/defaults.go.

package defaulting

import (
	"maps"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"
)

const (
	defaultRevisionHistoryLimit    = 10
	defaultProgressDeadlineSeconds = 600
)

func defaultDeployment(d *appsv1.Deployment) {
	spec := &d.Spec
	if spec.Replicas == nil {
		spec.Replicas = ptr.To(int32(1))
	}
	if spec.Strategy.Type == "" {
		spec.Strategy.Type = appsv1.RollingUpdateDeploymentStrategyType
	}
	if spec.Strategy.Type == appsv1.RollingUpdateDeploymentStrategyType {
		if spec.Strategy.RollingUpdate == nil {
			spec.Strategy.RollingUpdate = &appsv1.RollingUpdateDeployment{}
		}
		if spec.Strategy.RollingUpdate.MaxUnavailable == nil {
			spec.Strategy.RollingUpdate.MaxUnavailable = ptr.To(intstr.FromString("25%"))
		}
		if spec.Strategy.RollingUpdate.MaxSurge == nil {
			spec.Strategy.RollingUpdate.MaxSurge = ptr.To(intstr.FromString("25%"))
		}
	}
	if spec.RevisionHistoryLimit == nil {
		spec.RevisionHistoryLimit = ptr.To(int32(defaultRevisionHistoryLimit))
	}
	if spec.ProgressDeadlineSeconds == nil {
		spec.ProgressDeadlineSeconds = ptr.To(int32(defaultProgressDeadlineSeconds))
	}
	defaultPodSpec(&spec.Template.Spec)
}

func defaultReplicaSet(rs *appsv1.ReplicaSet) {
	if rs.Spec.Replicas == nil {
		rs.Spec.Replicas = ptr.To(int32(1))
	}
	defaultPodSpec(&rs.Spec.Template.Spec)
}

// defaultReplicationController: a ReplicationController, the ReplicaSet's
// core/v1 forerunner, may leave out its selector and its own labels; both
// then become the template's labels, so that `kubectl create` of an RC that
// names its pods' labels once works. Without a template nothing is copied.
func defaultReplicationController(rc *corev1.ReplicationController) {
	spec := &rc.Spec
	if spec.Template != nil && spec.Template.Labels != nil {
		if len(spec.Selector) == 0 {
			spec.Selector = maps.Clone(spec.Template.Labels)
		}
		if len(rc.Labels) == 0 {
			rc.Labels = maps.Clone(spec.Template.Labels)
		}
	}
	if spec.Replicas == nil {
		spec.Replicas = ptr.To(int32(1))
	}
	if spec.Template != nil {
		defaultPodSpec(&spec.Template.Spec)
	}
}
