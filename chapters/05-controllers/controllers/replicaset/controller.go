// This file teaches what a controller of the controller manager is made
// of: the shared informers it reads (its own kind and pods), the control
// loop of package controller that calls its sync, the expectations that
// remember its writes in flight, and an event recorder naming it as the
// source ("replicaset-controller"). It mirrors NewReplicaSetController and
// NewReplicationManager in Kubernetes' pkg/controller/replicaset and
// pkg/controller/replication.

package replicaset

import (
	"context"
	"log/slog"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/scheme"
	typedcorev1 "k8s.io/client-go/kubernetes/typed/core/v1"
	"k8s.io/client-go/tools/record"
	"k8s.io/utils/clock"

	"github.com/kubeling/kubeling/solutions/client/cache"
	"github.com/kubeling/kubeling/solutions/controller"
)

// BurstReplicas caps the pods one sync creates or deletes, 500 as in
// Kubernetes: a ReplicaSet scaled to 10,000 gets there in steps, and other
// ReplicaSets get a turn in between.
const BurstReplicas = 500

// Options configure a controller; the zero value is usable.
type Options struct {
	// Clock times expectations and availability; the real clock if nil.
	Clock clock.Clock
	// Recorder receives the events; if nil, events are sent to the
	// apiserver through the controller's client.
	Recorder record.EventRecorder
	// BurstReplicas; BurstReplicas if 0.
	BurstReplicas int
	// Loop configures the control loop (rate limiter, clock, logger).
	Loop controller.Options
	// Logger; slog.Default() if nil.
	Logger *slog.Logger
}

// ReplicaSetController keeps the number of pods of every ReplicaSet (or
// ReplicationController) at spec.replicas. Create it before the factory
// starts; Run it once.
type ReplicaSetController struct {
	name          string // "replicaset-controller", the events' source
	kind          kind
	client        kubernetes.Interface
	pods          cache.TypedInformer[*corev1.Pod]
	expectations  *ControllerExpectations
	recorder      record.EventRecorder
	broadcaster   record.EventBroadcaster // nil when Options.Recorder was given
	loop          *controller.Controller
	clock         clock.Clock
	burstReplicas int
	logger        *slog.Logger
}

// NewReplicaSetController returns the controller of apps/v1 ReplicaSets.
func NewReplicaSetController(client kubernetes.Interface, factory *cache.SharedInformerFactory, opts Options) *ReplicaSetController {
	k := replicaSetKind{client: client, informer: factory.ReplicaSets()}
	return newController("replicaset-controller", k, client, factory, opts)
}

// NewReplicationManager returns the controller of core/v1
// ReplicationControllers: the same code, through the ReplicaSet view.
func NewReplicationManager(client kubernetes.Interface, factory *cache.SharedInformerFactory, opts Options) *ReplicaSetController {
	k := replicationControllerKind{client: client, informer: factory.ReplicationControllers()}
	return newController("replication-controller", k, client, factory, opts)
}

func newController(name string, k kind, client kubernetes.Interface, factory *cache.SharedInformerFactory, opts Options) *ReplicaSetController {
	if opts.Clock == nil {
		opts.Clock = clock.RealClock{}
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.BurstReplicas == 0 {
		opts.BurstReplicas = BurstReplicas
	}
	if opts.Loop.Logger == nil {
		opts.Loop.Logger = opts.Logger
	}
	c := &ReplicaSetController{
		name: name, kind: k, client: client, pods: factory.Pods(),
		expectations: NewControllerExpectations(opts.Clock),
		recorder:     opts.Recorder, clock: opts.Clock, burstReplicas: opts.BurstReplicas,
		logger: opts.Logger.With("controller", name),
	}
	if c.recorder == nil {
		c.broadcaster = record.NewBroadcaster()
		c.recorder = c.broadcaster.NewRecorder(scheme.Scheme, corev1.EventSource{Component: name})
	}
	c.loop = controller.New(name, c.sync, opts.Loop)
	c.registerHandlers()
	return c
}

// Run sends events, waits for the caches and runs workers until ctx is
// done.
func (c *ReplicaSetController) Run(ctx context.Context, workers int) error {
	if c.broadcaster != nil {
		c.broadcaster.StartRecordingToSink(&typedcorev1.EventSinkImpl{Interface: c.client.CoreV1().Events("")})
		defer c.broadcaster.Shutdown()
	}
	return c.loop.Run(ctx, workers)
}
