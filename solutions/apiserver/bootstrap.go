// This file teaches the objects a cluster has from its first second:
// the namespaces Kubernetes creates at start-up, so that `kubectl get pods`
// (namespace default) works on a fresh cluster and node heartbeats (Leases
// in kube-node-lease) have somewhere to go; and the `kubernetes` Service in
// namespace default, the name under which pods find the apiserver. In
// Kubernetes both are written by controllers inside kube-apiserver
// (pkg/controlplane/controller/systemnamespaces and kubernetesservice).

package apiserver

import (
	"context"
	"fmt"
	"net/netip"
	"slices"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kubeling/kubeling/solutions/apiserver/registry"
)

// SystemNamespaces are created at start-up if missing.
var SystemNamespaces = []string{
	metav1.NamespaceDefault, metav1.NamespaceSystem, metav1.NamespacePublic, corev1.NamespaceNodeLease,
}

// DefaultServiceClusterIPRange is the range Service cluster IPs come from
// when Config names none: kubeadm's default, so that the `kubernetes`
// Service has the 10.96.0.1 every Kubernetes tutorial shows.
var DefaultServiceClusterIPRange = netip.MustParsePrefix("10.96.0.0/12")

// KubernetesServiceName is the Service in namespace default that stands
// for the apiserver itself.
const KubernetesServiceName = "kubernetes"

// Bootstrap creates the system namespaces and the `kubernetes` Service
// that do not exist yet; port is the one the apiserver serves on. Running
// it again, or from two apiservers at once, is harmless.
func (s *Server) Bootstrap(ctx context.Context, port int) error {
	for _, name := range SystemNamespaces {
		ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}
		_, err := s.namespaces.Create(ctx, "", ns, registry.CreateOptions{})
		if err != nil && !apierrors.IsAlreadyExists(err) {
			return fmt.Errorf("creating namespace %s: %w", name, err)
		}
	}
	if err := s.ensureKubernetesService(ctx, port); err != nil {
		return fmt.Errorf("creating the %s service: %w", KubernetesServiceName, err)
	}
	return nil
}

// kubernetesService is the Service Kubernetes' bootstrap controller
// writes: the first address of the service range, port 443 named https,
// forwarded to the port the apiserver listens on. Clients inside the
// cluster (rest.InClusterConfig) reach the apiserver through it, and the
// e2e suite reads its clusterIP to learn the cluster's IP family.
//
// Kubernetes also writes Endpoints (and an EndpointSlice) naming the
// apiserver's advertised address. This apiserver listens on loopback only,
// an address no pod could reach and which Endpoints validation refuses, so
// it writes none: the Service exists, nothing behind it yet.
func (s *Server) kubernetesService(port int) *corev1.Service {
	return &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{
			Name:      KubernetesServiceName,
			Namespace: metav1.NamespaceDefault,
			Labels:    map[string]string{"component": "apiserver", "provider": "kubernetes"},
		},
		Spec: corev1.ServiceSpec{
			Type:      corev1.ServiceTypeClusterIP,
			ClusterIP: s.serviceRange.Addr().Next().String(), // 10.96.0.0/12 → 10.96.0.1
			Ports: []corev1.ServicePort{{
				Name: "https", Protocol: corev1.ProtocolTCP, Port: 443, TargetPort: intstr.FromInt32(int32(port)),
			}},
			SessionAffinity: corev1.ServiceAffinityNone,
		},
	}
}

// ensureKubernetesService creates the `kubernetes` Service, or corrects its
// ports when the apiserver now listens elsewhere (a restart on another
// port), as Kubernetes' controller reconciles them.
func (s *Server) ensureKubernetesService(ctx context.Context, port int) error {
	want := s.kubernetesService(port)
	current, err := s.services.Get(ctx, metav1.NamespaceDefault, KubernetesServiceName)
	if apierrors.IsNotFound(err) {
		_, err = s.services.Create(ctx, metav1.NamespaceDefault, want, registry.CreateOptions{})
		if apierrors.IsAlreadyExists(err) {
			return nil // another apiserver was quicker
		}
		return err
	}
	if err != nil || slices.Equal(current.(*corev1.Service).Spec.Ports, want.Spec.Ports) {
		return err
	}
	_, err = s.services.Update(ctx, metav1.NamespaceDefault, KubernetesServiceName,
		func(_ context.Context, current runtime.Object) (runtime.Object, error) {
			svc := current.(*corev1.Service)
			svc.Spec.Ports = want.Spec.Ports
			return svc, nil
		}, registry.UpdateOptions{})
	return err
}
