// This file teaches how the scheduler is put together: the pod and node
// informers of chapter 03 feed the scheduling queue (pods still to place)
// and the cache (what is placed where); one loop takes pods from the queue.
// It mirrors New and Run in kube-scheduler's scheduler.go.

package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/scheme"
	typedcorev1 "k8s.io/client-go/kubernetes/typed/core/v1"
	"k8s.io/client-go/tools/record"
	"k8s.io/utils/clock"

	informers "github.com/kubeling/kubeling/solutions/client/cache"
	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/cache"
	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/plugins"
	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/queue"
)

// DefaultSchedulerName is the schedulerName the apiserver defaults pods to.
const DefaultSchedulerName = corev1.DefaultSchedulerName

// Options configure a Scheduler; the zero value is usable.
type Options struct {
	// SchedulerName: the pods to schedule, and the events' source;
	// DefaultSchedulerName if empty.
	SchedulerName string
	// Framework: the plugins; plugins.Default() if nil.
	Framework *framework.Framework
	// Recorder records events; if nil, one recording core/v1 Events through
	// the client is made, and started by Run.
	Recorder record.EventRecorder
	// AssumedPodTTL: cache.DefaultAssumedPodTTL if zero.
	AssumedPodTTL time.Duration
	Clock         clock.WithTicker // the real clock if nil
	Logger        *slog.Logger     // slog.Default() if nil
}

// Scheduler places pods on nodes. New, then Run once.
type Scheduler struct {
	client      kubernetes.Interface
	informers   *informers.SharedInformerFactory
	name        string
	fwk         *framework.Framework
	queue       *queue.PriorityQueue
	cache       *cache.Cache
	recorder    record.EventRecorder
	broadcaster record.EventBroadcaster // nil when Options.Recorder was given
	clock       clock.WithTicker
	logger      *slog.Logger

	// Only the scheduling goroutine touches these.
	snapshot   *cache.Snapshot
	lastPicked string // the node chosen last, for the tie-break

	binds sync.WaitGroup // binds in flight
}

// New returns a scheduler that reads pods and nodes through factory's
// informers and writes through client.
func New(client kubernetes.Interface, factory *informers.SharedInformerFactory, opts Options) *Scheduler {
	opts = withDefaults(opts)
	s := &Scheduler{
		client: client, informers: factory, name: opts.SchedulerName,
		fwk:      opts.Framework,
		queue:    queue.New(opts.Clock),
		cache:    cache.New(opts.AssumedPodTTL, opts.Clock, opts.Logger),
		recorder: opts.Recorder,
		clock:    opts.Clock, logger: opts.Logger,
		snapshot: cache.NewSnapshot(),
	}
	if s.recorder == nil {
		s.broadcaster = record.NewBroadcaster()
		s.recorder = s.broadcaster.NewRecorder(scheme.Scheme, corev1.EventSource{Component: s.name})
	}
	s.addEventHandlers()
	return s
}

func withDefaults(opts Options) Options {
	if opts.SchedulerName == "" {
		opts.SchedulerName = DefaultSchedulerName
	}
	if opts.Framework == nil {
		opts.Framework = plugins.Default()
	}
	if opts.AssumedPodTTL == 0 {
		opts.AssumedPodTTL = cache.DefaultAssumedPodTTL
	}
	if opts.Clock == nil {
		opts.Clock = clock.RealClock{}
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	opts.Logger = opts.Logger.With("component", "scheduler")
	return opts
}

// Run schedules pods until ctx is done, then waits for the binds in
// flight. It starts the informers and waits for them to sync first: a
// scheduler that has not seen every placed pod would overbook nodes.
func (s *Scheduler) Run(ctx context.Context) error {
	if s.broadcaster != nil {
		s.broadcaster.StartRecordingToSink(&typedcorev1.EventSinkImpl{Interface: s.client.CoreV1().Events("")})
		defer s.broadcaster.Shutdown()
	}
	s.informers.Start(ctx)
	if !s.informers.WaitForCacheSync(ctx) {
		return fmt.Errorf("waiting for the pod and node informers to sync: %w", ctx.Err())
	}
	var wg sync.WaitGroup
	wg.Go(func() { s.queue.Run(ctx) })
	wg.Go(func() { s.cache.Run(ctx) })
	s.logger.Info("scheduling", "schedulerName", s.name)
	for {
		if err := s.scheduleOne(ctx); errors.Is(err, queue.ErrClosed) {
			break
		}
	}
	s.binds.Wait()
	wg.Wait()
	return nil
}
