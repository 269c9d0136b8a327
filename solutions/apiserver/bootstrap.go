// This file teaches the objects a cluster has from its first second:
// the namespaces Kubernetes creates at start-up, so that `kubectl get pods`
// (namespace default) works on a fresh cluster and node heartbeats (Leases
// in kube-node-lease) have somewhere to go.

package apiserver

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubeling/kubeling/solutions/apiserver/registry"
)

// SystemNamespaces are created at start-up if missing.
var SystemNamespaces = []string{
	metav1.NamespaceDefault, metav1.NamespaceSystem, metav1.NamespacePublic, corev1.NamespaceNodeLease,
}

// Bootstrap creates the system namespaces that do not exist yet. Running
// it again, or from two apiservers at once, is harmless.
func (s *Server) Bootstrap(ctx context.Context) error {
	for _, name := range SystemNamespaces {
		ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}
		_, err := s.namespaces.Create(ctx, "", ns, registry.CreateOptions{})
		if err != nil && !apierrors.IsAlreadyExists(err) {
			return fmt.Errorf("creating namespace %s: %w", name, err)
		}
	}
	return nil
}
