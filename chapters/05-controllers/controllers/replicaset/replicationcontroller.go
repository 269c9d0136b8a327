// This file teaches the ReplicationController side of the seam in kind.go:
// an RC's selector is a plain map and its template a pointer, so it
// converts to a ReplicaSet whose selector has only matchLabels, and back.
// Everything else (replicas, minReadySeconds, the status and its
// conditions) has the same meaning on both. It mirrors the conversions in
// Kubernetes' pkg/controller/replication/conversion.go.

package replicaset

import (
	"context"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes"

	"github.com/kubeling/kubeling/solutions/client/cache"
)

// replicationControllerKind: core/v1 ReplicationControllers, through the
// ReplicaSet view.
type replicationControllerKind struct {
	client   kubernetes.Interface
	informer cache.TypedInformer[*corev1.ReplicationController]
}

func (k replicationControllerKind) GroupVersionKind() schema.GroupVersionKind {
	return corev1.SchemeGroupVersion.WithKind("ReplicationController")
}

func (k replicationControllerKind) Informer() *cache.SharedIndexInformer {
	return k.informer.Informer()
}

func (k replicationControllerKind) View(obj runtime.Object) (*appsv1.ReplicaSet, bool) {
	rc, ok := obj.(*corev1.ReplicationController)
	if !ok {
		return nil, false
	}
	return replicaSetFromRC(rc), true
}

func (k replicationControllerKind) Get(namespace, name string) (*appsv1.ReplicaSet, error) {
	rc, err := k.informer.Lister().Namespace(namespace).Get(name)
	if err != nil {
		return nil, err
	}
	return replicaSetFromRC(rc), nil
}

func (k replicationControllerKind) List(namespace string) ([]*appsv1.ReplicaSet, error) {
	rcs, err := k.informer.Lister().Namespace(namespace).List(labels.Everything())
	if err != nil {
		return nil, err
	}
	out := make([]*appsv1.ReplicaSet, len(rcs))
	for i, rc := range rcs {
		out[i] = replicaSetFromRC(rc)
	}
	return out, nil
}

func (k replicationControllerKind) GetLive(ctx context.Context, namespace, name string) (*appsv1.ReplicaSet, error) {
	rc, err := k.client.CoreV1().ReplicationControllers(namespace).Get(ctx, name, getOptions)
	if err != nil {
		return nil, err
	}
	return replicaSetFromRC(rc), nil
}

func (k replicationControllerKind) UpdateStatus(ctx context.Context, rs *appsv1.ReplicaSet) (*appsv1.ReplicaSet, error) {
	rc, err := k.client.CoreV1().ReplicationControllers(rs.Namespace).UpdateStatus(ctx, rcFromReplicaSet(rs), updateOptions)
	if err != nil {
		return nil, err
	}
	return replicaSetFromRC(rc), nil
}

func (k replicationControllerKind) Original(rs *appsv1.ReplicaSet) runtime.Object {
	return rcFromReplicaSet(rs)
}

// replicaSetFromRC returns the ReplicaSet view of rc (a deep copy).
func replicaSetFromRC(rc *corev1.ReplicationController) *appsv1.ReplicaSet {
	rc = rc.DeepCopy()
	rs := &appsv1.ReplicaSet{
		ObjectMeta: rc.ObjectMeta,
		Spec: appsv1.ReplicaSetSpec{
			Replicas:        rc.Spec.Replicas,
			MinReadySeconds: rc.Spec.MinReadySeconds,
			Selector:        &metav1.LabelSelector{MatchLabels: rc.Spec.Selector},
		},
		Status: appsv1.ReplicaSetStatus{
			Replicas:             rc.Status.Replicas,
			FullyLabeledReplicas: rc.Status.FullyLabeledReplicas,
			ReadyReplicas:        rc.Status.ReadyReplicas,
			AvailableReplicas:    rc.Status.AvailableReplicas,
			ObservedGeneration:   rc.Status.ObservedGeneration,
		},
	}
	if rc.Spec.Template != nil {
		rs.Spec.Template = *rc.Spec.Template
	}
	for _, c := range rc.Status.Conditions {
		rs.Status.Conditions = append(rs.Status.Conditions, appsv1.ReplicaSetCondition{
			Type: appsv1.ReplicaSetConditionType(c.Type), Status: c.Status,
			LastTransitionTime: c.LastTransitionTime, Reason: c.Reason, Message: c.Message,
		})
	}
	return rs
}

// rcFromReplicaSet converts a view made by replicaSetFromRC back.
func rcFromReplicaSet(rs *appsv1.ReplicaSet) *corev1.ReplicationController {
	rs = rs.DeepCopy()
	rc := &corev1.ReplicationController{
		ObjectMeta: rs.ObjectMeta,
		Spec: corev1.ReplicationControllerSpec{
			Replicas:        rs.Spec.Replicas,
			MinReadySeconds: rs.Spec.MinReadySeconds,
			Template:        &rs.Spec.Template,
		},
		Status: corev1.ReplicationControllerStatus{
			Replicas:             rs.Status.Replicas,
			FullyLabeledReplicas: rs.Status.FullyLabeledReplicas,
			ReadyReplicas:        rs.Status.ReadyReplicas,
			AvailableReplicas:    rs.Status.AvailableReplicas,
			ObservedGeneration:   rs.Status.ObservedGeneration,
		},
	}
	if rs.Spec.Selector != nil {
		rc.Spec.Selector = rs.Spec.Selector.MatchLabels
	}
	for _, c := range rs.Status.Conditions {
		rc.Status.Conditions = append(rc.Status.Conditions, corev1.ReplicationControllerCondition{
			Type: corev1.ReplicationControllerConditionType(c.Type), Status: c.Status,
			LastTransitionTime: c.LastTransitionTime, Reason: c.Reason, Message: c.Message,
		})
	}
	return rc
}
