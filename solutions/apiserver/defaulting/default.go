// This file teaches where defaulting happens: once per object, by type,
// right after decoding and before validation — so validation can insist on
// fields (restartPolicy, protocol, imagePullPolicy) that clients never send.
// The kinds whose defaults the lesson does not teach are package
// defaulting/resources'.

package defaulting

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubeling/kubeling/solutions/apiserver/defaulting/resources"
)

// Default fills in obj's unset fields in place. obj is one of the served
// types (or a list of them); anything else is left as it is.
func Default(obj runtime.Object) {
	if meta.IsListType(obj) {
		items, _ := meta.ExtractList(obj) // the items of a typed list point into it
		for _, item := range items {
			Default(item)
		}
		return
	}
	switch o := obj.(type) {
	case *corev1.Pod:
		defaultPod(o)
	case *appsv1.Deployment:
		defaultDeployment(o)
	case *appsv1.ReplicaSet:
		defaultReplicaSet(o)
	case *corev1.ReplicationController:
		defaultReplicationController(o)
	default:
		resources.Default(obj)
	}
}
