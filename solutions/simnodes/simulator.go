// This file puts the simulated nodes together: register the nodes, then,
// once the pods informer has synced and the addresses pods already show
// are claimed, run the heartbeat and the pod control loop side by side.

package simnodes

import (
	"context"
	"log/slog"
	"net/netip"
	"sort"
	"sync"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/client-go/kubernetes"

	"github.com/kubeling/kubeling/solutions/client/cache"
	"github.com/kubeling/kubeling/solutions/controller"
)

// Simulator runs simulated nodes. Create it with New and call Run once.
type Simulator struct {
	client kubernetes.Interface
	opts   Options
	log    *slog.Logger

	// Set by Run before any worker starts, then read-only.
	nodes    map[string]*simNode
	nodeList []*simNode // sorted by name
	ips      *podIPs
	pods     cache.Lister[*corev1.Pod]

	leaseMu sync.Mutex
	leases  map[string]*coordinationv1.Lease // node → the Lease last written
}

// New checks opts and returns a Simulator that works through client.
func New(client kubernetes.Interface, opts Options) (*Simulator, error) {
	opts = opts.withDefaults()
	if err := opts.validate(); err != nil {
		return nil, err
	}
	return &Simulator{
		client: client, opts: opts, log: opts.Logger.With("component", "simnodes"),
		leases: map[string]*coordinationv1.Lease{},
	}, nil
}

// Run registers the nodes and keeps them and their pods going until ctx is
// done. It fails if the nodes cannot be registered or the pods never sync.
func (s *Simulator) Run(ctx context.Context) error {
	nodes, err := s.registerNodes(ctx)
	if err != nil {
		return err
	}
	s.setNodes(nodes)
	s.log.Info("nodes registered", "count", len(nodes), "first", s.nodeList[0].name, "last", s.nodeList[len(s.nodeList)-1].name)

	factory := cache.NewSharedInformerFactory(s.client, cache.FactoryOptions{Clock: s.opts.Clock, Logger: s.opts.Logger})
	pods := factory.Pods()
	s.pods = pods.Lister()
	loop := controller.New("simnodes-pods", s.syncPod, controller.Options{Clock: s.opts.Clock, Logger: s.opts.Logger})
	loop.WatchFunc(pods.Informer(), s.keysFor)
	// The workers start only once the addresses pods already show are
	// claimed, so that none is handed out twice.
	var claimed sync.Once
	loop.WaitFor(func() bool {
		if !pods.Informer().HasSynced() {
			return false
		}
		claimed.Do(s.claimShownIPs)
		return true
	})
	factory.Start(ctx)
	defer factory.Shutdown()

	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Go(func() { s.heartbeat(ctx) })
	if err := loop.Run(ctx, s.opts.Workers); err != nil && ctx.Err() == nil {
		return err
	}
	return nil // stopped
}

func (s *Simulator) setNodes(nodes map[string]*simNode) {
	s.nodes = nodes
	for _, n := range nodes {
		s.nodeList = append(s.nodeList, n)
	}
	sort.Slice(s.nodeList, func(i, j int) bool { return s.nodeList[i].name < s.nodeList[j].name })
	s.ips = newPodIPs(s.nodeList)
}

// claimShownIPs records the addresses that pods of s's nodes already show
// (this Simulator restarted), before any worker hands one out again.
func (s *Simulator) claimShownIPs() {
	pods, _ := s.pods.List(labels.Everything())
	for _, pod := range pods {
		node := s.nodes[pod.Spec.NodeName]
		ip, err := netip.ParseAddr(pod.Status.PodIP)
		if node == nil || err != nil || pod.Spec.HostNetwork {
			continue
		}
		key, _ := cache.MetaNamespaceKeyFunc(pod)
		s.ips.claim(key, pod.UID, node.name, ip)
	}
}
