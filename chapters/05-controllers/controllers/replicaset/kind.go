// This file teaches how one controller serves two resources. A
// ReplicationController is the ReplicaSet's older form (an equality-only
// selector, core/v1); Kubernetes runs the very same code for both by
// converting each ReplicationController to a ReplicaSet view on the way
// in and back on the way out. kind is that seam: everything the sync
// reads or writes about the managed objects goes through it, and
// replicaSetKind and replicationControllerKind are its two sides. It
// mirrors pkg/controller/replication/conversion.go.

package replicaset

import (
	"context"

	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes"

	"github.com/kubeling/kubeling/solutions/client/cache"
)

// kind is what the controller knows of the resource it manages. Every
// object it returns is a *appsv1.ReplicaSet view the caller may modify.
// Safe for concurrent use.
type kind interface {
	// GroupVersionKind goes into the pods' ownerReferences.
	GroupVersionKind() schema.GroupVersionKind
	// Informer is the shared informer of the managed objects.
	Informer() *cache.SharedIndexInformer
	// View converts an object of the informer (a *appsv1.ReplicaSet or
	// *corev1.ReplicationController) to the ReplicaSet view.
	View(obj runtime.Object) (*appsv1.ReplicaSet, bool)
	// Get reads one object from the cache.
	Get(namespace, name string) (*appsv1.ReplicaSet, error)
	// List reads a namespace's objects from the cache.
	List(namespace string) ([]*appsv1.ReplicaSet, error)
	// GetLive reads one object from the apiserver, bypassing the cache
	// (adoption must know the owner still exists, not that it did).
	GetLive(ctx context.Context, namespace, name string) (*appsv1.ReplicaSet, error)
	// UpdateStatus writes the view's status through the status subresource.
	UpdateStatus(ctx context.Context, rs *appsv1.ReplicaSet) (*appsv1.ReplicaSet, error)
	// Original converts the view back, for events that name the object.
	Original(rs *appsv1.ReplicaSet) runtime.Object
}

// replicaSetKind: apps/v1 ReplicaSets, served as they are.
type replicaSetKind struct {
	client   kubernetes.Interface
	informer cache.TypedInformer[*appsv1.ReplicaSet]
}

func (k replicaSetKind) GroupVersionKind() schema.GroupVersionKind {
	return appsv1.SchemeGroupVersion.WithKind("ReplicaSet")
}

func (k replicaSetKind) Informer() *cache.SharedIndexInformer { return k.informer.Informer() }

func (k replicaSetKind) View(obj runtime.Object) (*appsv1.ReplicaSet, bool) {
	rs, ok := obj.(*appsv1.ReplicaSet)
	if !ok {
		return nil, false
	}
	return rs.DeepCopy(), true
}

func (k replicaSetKind) Get(namespace, name string) (*appsv1.ReplicaSet, error) {
	rs, err := k.informer.Lister().Namespace(namespace).Get(name)
	if err != nil {
		return nil, err
	}
	return rs.DeepCopy(), nil
}

func (k replicaSetKind) List(namespace string) ([]*appsv1.ReplicaSet, error) {
	return k.informer.Lister().Namespace(namespace).List(labels.Everything())
}

func (k replicaSetKind) GetLive(ctx context.Context, namespace, name string) (*appsv1.ReplicaSet, error) {
	return k.client.AppsV1().ReplicaSets(namespace).Get(ctx, name, getOptions)
}

func (k replicaSetKind) UpdateStatus(ctx context.Context, rs *appsv1.ReplicaSet) (*appsv1.ReplicaSet, error) {
	return k.client.AppsV1().ReplicaSets(rs.Namespace).UpdateStatus(ctx, rs, updateOptions)
}

func (k replicaSetKind) Original(rs *appsv1.ReplicaSet) runtime.Object { return rs }
