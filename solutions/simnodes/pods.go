// This file teaches the pod side of a node, level-triggered: for each pod
// bound to one of its nodes, look at what the pod is now and make it so,
// whatever events led there. A pod that should run is reported Running; a
// pod being deleted is removed at once; a pod that is gone gives back its
// address. It mirrors what kwok does in place of the kubelet's pod
// workers.

package simnodes

import (
	"context"
	"fmt"
	"net/netip"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubeling/kubeling/solutions/client/cache"
)

// keysFor is the work queue's view of a pod change: the pod's key if it is
// bound to one of s's nodes, else nothing (the pods of other nodes, and
// pods not scheduled yet, are not s's business).
func (s *Simulator) keysFor(obj any) []string {
	if tomb, ok := obj.(cache.DeletedFinalStateUnknown); ok {
		obj = tomb.Obj
	}
	pod, ok := obj.(*corev1.Pod)
	if !ok || s.nodes[pod.Spec.NodeName] == nil {
		return nil
	}
	key, err := cache.MetaNamespaceKeyFunc(pod)
	if err != nil {
		return nil
	}
	return []string{key}
}

// syncPod makes pod key's state match what a node running it would show.
// Returning an error requeues the key.
func (s *Simulator) syncPod(ctx context.Context, key string) error {
	namespace, name, err := cache.SplitMetaNamespaceKey(key)
	if err != nil {
		return nil // not a key we made; retrying cannot help
	}
	pod, err := s.pods.Namespace(namespace).Get(name)
	node := (*simNode)(nil)
	if err == nil {
		node = s.nodes[pod.Spec.NodeName]
	}
	switch {
	case apierrors.IsNotFound(err):
		s.ips.release(key)
		return nil
	case err != nil:
		return fmt.Errorf("reading pod %s from the cache: %w", key, err)
	case node == nil:
		s.ips.release(key) // not on one of our nodes (any more)
		return nil
	case pod.DeletionTimestamp != nil:
		return s.deletePod(ctx, pod)
	case pod.Status.Phase == corev1.PodSucceeded || pod.Status.Phase == corev1.PodFailed:
		s.ips.release(key) // finished: it holds no address any more
		return nil
	}
	return s.runPod(ctx, key, pod, node)
}

// runPod reports pod Running on node, unless it already shows that.
func (s *Simulator) runPod(ctx context.Context, key string, pod *corev1.Pod, node *simNode) error {
	if ip, ok := runningIP(pod); ok && s.keepsIP(key, pod, node, ip) {
		return nil
	}
	podIP := node.ip.String() // a host-network pod shares its node's address
	if !pod.Spec.HostNetwork {
		ip, err := s.ips.assign(key, pod.UID, node.name)
		if err != nil {
			return fmt.Errorf("running pod %s on node %s: %w", key, node.name, err)
		}
		podIP = ip.String()
	}
	running := pod.DeepCopy()
	running.Status = runningStatus(pod, node, podIP, metav1.NewTime(s.opts.Clock.Now()))
	_, err := s.client.CoreV1().Pods(pod.Namespace).UpdateStatus(ctx, running, metav1.UpdateOptions{})
	if apierrors.IsNotFound(err) {
		s.ips.release(key) // deleted meanwhile; its delete event comes next
		return nil
	}
	if err != nil {
		// A conflict means the cache is behind: the pod's next event
		// brings the newer version, and the retry works from it.
		return fmt.Errorf("reporting pod %s running on node %s: %w", key, node.name, err)
	}
	return nil
}

// runningIP is the address pod shows if it already runs with the
// containers its spec asks for, and false if its status must be written.
func runningIP(pod *corev1.Pod) (netip.Addr, bool) {
	if pod.Status.Phase != corev1.PodRunning || len(pod.Status.ContainerStatuses) != len(pod.Spec.Containers) {
		return netip.Addr{}, false
	}
	for i, c := range pod.Spec.Containers {
		status := pod.Status.ContainerStatuses[i]
		if status.Name != c.Name || !status.Ready {
			return netip.Addr{}, false
		}
		if image, _ := resolveImage(c.Image); status.Image != image {
			return netip.Addr{}, false // `kubectl set image`: the container restarts
		}
	}
	ip, err := netip.ParseAddr(pod.Status.PodIP)
	return ip, err == nil
}

// keepsIP reports whether pod, running with ip on node, may keep it: a
// host-network pod shows its node's address; any other holds ip from the
// node's range, or claims it (after a restart of the Simulator).
func (s *Simulator) keepsIP(key string, pod *corev1.Pod, node *simNode, ip netip.Addr) bool {
	if pod.Spec.HostNetwork {
		return ip == node.ip
	}
	return s.ips.claim(key, pod.UID, node.name, ip)
}

// deletePod finishes pod's deletion: there are no containers to stop, so
// the grace period is over at once. The UID precondition makes sure a new
// pod of the same name is never deleted by mistake.
func (s *Simulator) deletePod(ctx context.Context, pod *corev1.Pod) error {
	opts := metav1.DeleteOptions{GracePeriodSeconds: new(int64), Preconditions: metav1.NewUIDPreconditions(string(pod.UID))}
	err := s.client.CoreV1().Pods(pod.Namespace).Delete(ctx, pod.Name, opts)
	if err != nil && !apierrors.IsNotFound(err) && !apierrors.IsConflict(err) {
		return fmt.Errorf("deleting pod %s/%s on node %s: %w", pod.Namespace, pod.Name, pod.Spec.NodeName, err)
	}
	return nil
}
