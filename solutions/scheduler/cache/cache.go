// This file teaches the cache's bookkeeping: each pod's state (assumed or
// added), and the NodeInfo of each node summing what is placed on it. It
// mirrors cacheImpl in kube-scheduler.

package cache

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/utils/clock"

	"github.com/kubeling/kubeling/solutions/scheduler/framework"
)

// DefaultAssumedPodTTL is how long an assumed pod whose binding finished
// may wait for the informer to confirm it. Confirmation normally takes
// milliseconds; the TTL only bounds the damage of a confirmation that
// never comes (kube-scheduler used 15 minutes before it dropped the expiry).
const DefaultAssumedPodTTL = 15 * time.Minute

// cleanupPeriod is how often expired assumed pods are looked for.
const cleanupPeriod = time.Second

// podState is one pod the cache holds.
type podState struct {
	pod *corev1.Pod
	// bindingFinished and deadline: set by FinishBinding; the assumed pod
	// expires at deadline.
	bindingFinished bool
	deadline        time.Time
}

// Cache holds the placed and assumed pods, by node. Safe for concurrent use.
type Cache struct {
	ttl    time.Duration
	clock  clock.Clock
	logger *slog.Logger

	mu         sync.Mutex
	nodes      map[string]*framework.NodeInfo
	pods       map[string]*podState // by podKey
	assumed    map[string]bool      // keys of the assumed pods
	generation int64                // the newest NodeInfo.Generation
}

// New returns an empty cache; assumed pods expire ttl after FinishBinding.
func New(ttl time.Duration, clk clock.Clock, logger *slog.Logger) *Cache {
	return &Cache{
		ttl: ttl, clock: clk, logger: logger,
		nodes:   map[string]*framework.NodeInfo{},
		pods:    map[string]*podState{},
		assumed: map[string]bool{},
	}
}

// podKey is the pod's UID: a pod deleted and created again under the same
// name is another pod.
func podKey(pod *corev1.Pod) string {
	if pod.UID != "" {
		return string(pod.UID)
	}
	return pod.Namespace + "/" + pod.Name
}

// AssumePod places pod (its spec.nodeName set to the chosen node) before
// the bind: from now on, other pods are judged with it there.
func (c *Cache) AssumePod(pod *corev1.Pod) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	key := podKey(pod)
	if _, ok := c.pods[key]; ok {
		return fmt.Errorf("pod %s/%s is in the cache already, so it cannot be assumed", pod.Namespace, pod.Name)
	}
	c.addPodLocked(pod)
	c.pods[key] = &podState{pod: pod}
	c.assumed[key] = true
	return nil
}

// FinishBinding starts the TTL of an assumed pod whose bind succeeded.
func (c *Cache) FinishBinding(pod *corev1.Pod) {
	c.mu.Lock()
	defer c.mu.Unlock()
	key := podKey(pod)
	if ps, ok := c.pods[key]; ok && c.assumed[key] {
		ps.bindingFinished = true
		ps.deadline = c.clock.Now().Add(c.ttl)
	}
}

// ForgetPod undoes AssumePod after a failed bind.
func (c *Cache) ForgetPod(pod *corev1.Pod) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	key := podKey(pod)
	ps, ok := c.pods[key]
	if !ok || !c.assumed[key] {
		return fmt.Errorf("pod %s/%s was not assumed, so it cannot be forgotten", pod.Namespace, pod.Name)
	}
	if ps.pod.Spec.NodeName != pod.Spec.NodeName {
		return fmt.Errorf("pod %s/%s was assumed on %s, not %s", pod.Namespace, pod.Name, ps.pod.Spec.NodeName, pod.Spec.NodeName)
	}
	c.removePodLocked(ps.pod)
	delete(c.pods, key)
	delete(c.assumed, key)
	return nil
}

// AddPod records a pod the informer reports bound to a node. If the pod
// was assumed, this is its confirmation.
func (c *Cache) AddPod(pod *corev1.Pod) {
	c.mu.Lock()
	defer c.mu.Unlock()
	// lab:begin cache-confirm
	// hint: an assumed pod is already counted on its node: the informer's Add confirms it (it is no longer assumed, and never expires), it must not count twice
	// hint: the apiserver has the last word: if the pod was bound to another node than the one assumed, move it there
	// hint: a pod the cache already holds as added (a relist replays it) is an update: take the old state off its node, put the new one on
	// hint: a pod the cache does not know is simply placed
	key := podKey(pod)
	if ps, ok := c.pods[key]; ok {
		c.removePodLocked(ps.pod)
	}
	c.addPodLocked(pod)
	c.pods[key] = &podState{pod: pod}
	delete(c.assumed, key)
	// lab:end
}

// UpdatePod records a bound pod's newer state.
func (c *Cache) UpdatePod(_, newPod *corev1.Pod) { c.AddPod(newPod) }

// RemovePod forgets a pod that was deleted (or finished: a Succeeded or
// Failed pod holds no resources).
func (c *Cache) RemovePod(pod *corev1.Pod) {
	c.mu.Lock()
	defer c.mu.Unlock()
	key := podKey(pod)
	if ps, ok := c.pods[key]; ok {
		c.removePodLocked(ps.pod)
		delete(c.pods, key)
		delete(c.assumed, key)
	}
}

// IsAssumedPod reports whether pod is assumed and not yet confirmed.
func (c *Cache) IsAssumedPod(pod *corev1.Pod) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.assumed[podKey(pod)]
}

// HasPod reports whether the cache holds pod, assumed or added.
func (c *Cache) HasPod(pod *corev1.Pod) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.pods[podKey(pod)]
	return ok
}

// addPodLocked counts pod on its node, creating a node-less NodeInfo if the
// node is not known (yet).
func (c *Cache) addPodLocked(pod *corev1.Pod) {
	n, ok := c.nodes[pod.Spec.NodeName]
	if !ok {
		n = framework.NewNodeInfo(nil)
		c.nodes[pod.Spec.NodeName] = n
	}
	n.AddPod(framework.NewPodInfo(pod))
	c.touchLocked(n)
}

// removePodLocked takes pod off its node, and drops a node-less NodeInfo
// left empty.
func (c *Cache) removePodLocked(pod *corev1.Pod) {
	n, ok := c.nodes[pod.Spec.NodeName]
	if !ok || !n.RemovePod(pod) {
		return
	}
	c.touchLocked(n)
	if n.Node == nil && len(n.Pods) == 0 {
		delete(c.nodes, pod.Spec.NodeName)
	}
}

// touchLocked gives n a new generation, so the next snapshot copies it.
func (c *Cache) touchLocked(n *framework.NodeInfo) {
	c.generation++
	n.Generation = c.generation
}

// CleanupExpiredAssumedPods forgets the assumed pods whose TTL is over.
func (c *Cache) CleanupExpiredAssumedPods() {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.clock.Now()
	for key := range c.assumed {
		ps := c.pods[key]
		if !ps.bindingFinished || now.Before(ps.deadline) {
			continue
		}
		c.logger.Warn("assumed pod expired: its bind was never confirmed", "pod", ps.pod.Namespace+"/"+ps.pod.Name, "node", ps.pod.Spec.NodeName)
		c.removePodLocked(ps.pod)
		delete(c.pods, key)
		delete(c.assumed, key)
	}
}

// Run cleans up expired assumed pods every second until ctx is done.
func (c *Cache) Run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-c.clock.After(cleanupPeriod):
			c.CleanupExpiredAssumedPods()
		}
	}
}
