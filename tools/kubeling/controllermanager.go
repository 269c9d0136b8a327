// This file runs the controller manager, as kube-controller-manager runs:
// one process, one set of shared informers that every controller reads,
// and controllers that each write through a client of their own, so that
// the audit log says which controller created a pod. It runs them only
// while it holds the kube-system/kube-controller-manager Lease. Today its
// controllers are chapter 05's: the ReplicaSet controller and the
// ReplicationController manager (solutions/controllers/replicaset), and
// the garbage collector (solutions/controllers/garbagecollector).

package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/metadata"
	"k8s.io/client-go/rest"

	informers "github.com/kubeling/kubeling/solutions/client/cache"
	"github.com/kubeling/kubeling/solutions/controllers/garbagecollector"
	"github.com/kubeling/kubeling/solutions/controllers/replicaset"
)

// controllerManagerUserAgent is what kube-controller-manager v1.37.2 sends
// from its client named name: client-go's default agent for the binary
// ("kube-controller-manager/v1.37.2 (linux/amd64) kubernetes/1a2b3c4"),
// then "/" and the name, as rest.AddUserAgent builds it. The commit is
// kubeling's own, when the build recorded it.
func controllerManagerUserAgent(name string) string {
	return fmt.Sprintf("kube-controller-manager/v1.37.2 (%s/%s) kubernetes/%s/%s",
		runtime.GOOS, runtime.GOARCH, buildCommit(), name)
}

// buildCommit is the first 7 digits of the commit kubeling was built from,
// or "unknown", as client-go shortens it.
func buildCommit() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && s.Value != "" {
			return s.Value[:min(7, len(s.Value))]
		}
	}
	return "unknown"
}

// controllerManagerOptions are the flags of `kubeling controller-manager`.
type controllerManagerOptions struct {
	kubeconfig  string
	controllers string
	leaderElect bool
	identity    string
	rsSyncs     int
	rcSyncs     int
	gcSyncs     int
}

func (o *controllerManagerOptions) addFlags(flags *flag.FlagSet) {
	flags.StringVar(&o.kubeconfig, "kubeconfig", "", "the kubeconfig of the apiserver to control through (required)")
	flags.StringVar(&o.controllers, "controllers", "replicaset,replicationcontroller,garbagecollector",
		"the controllers to run, comma-separated: a name runs it, -name leaves it out, * runs all the others")
	flags.BoolVar(&o.leaderElect, "leader-elect", true, "run the controllers only while holding the Lease kube-system/kube-controller-manager, so that two copies never both act")
	flags.StringVar(&o.identity, "leader-elect-identity", "", "this copy's name in the Lease (default: hostname_pid)")
	// Kubernetes' names and defaults, underscores included.
	flags.IntVar(&o.rsSyncs, "concurrent-replicaset-syncs", 5, "how many ReplicaSets are synced at once")
	flags.IntVar(&o.rcSyncs, "concurrent_rc_syncs", 5, "how many ReplicationControllers are synced at once")
	flags.IntVar(&o.gcSyncs, "concurrent-gc-syncs", 20, "how many garbage collector workers run at once (on each of its two queues)")
}

// defaultControllerManagerOptions are the flags' defaults, for the
// controller manager of `kubeling up`.
func defaultControllerManagerOptions(kubeconfig string) controllerManagerOptions {
	var o controllerManagerOptions
	o.addFlags(flag.NewFlagSet("controller-manager", flag.ContinueOnError))
	o.kubeconfig = kubeconfig
	return o
}

// args are the flags that give o again, for starting it as a process.
func (o controllerManagerOptions) args() []string {
	return []string{"--kubeconfig", o.kubeconfig, "--controllers", o.controllers,
		fmt.Sprintf("--leader-elect=%t", o.leaderElect),
		"--concurrent-replicaset-syncs", fmt.Sprint(o.rsSyncs), "--concurrent_rc_syncs", fmt.Sprint(o.rcSyncs),
		"--concurrent-gc-syncs", fmt.Sprint(o.gcSyncs)}
}

// runner is a controller made and ready to Run.
type runner interface {
	Run(ctx context.Context, workers int) error
}

// managedController is one controller the manager knows how to run.
type managedController struct {
	name     string                      // its name in --controllers: "replicaset"
	client   string                      // its client's name, the end of its user agent: "replicaset-controller"
	resource schema.GroupVersionResource // what it controls; without it served, it cannot run (none: always runs)
	workers  func(controllerManagerOptions) int
	new      func(kubernetes.Interface, *informers.SharedInformerFactory) runner
	// newWithMetadata, instead of new, makes a controller that watches
	// every kind through a metadata-only client of its own (the garbage
	// collector), with the typed client for discovery.
	newWithMetadata func(kubernetes.Interface, metadata.Interface) runner
}

// managedControllers are every controller of the manager, in the order it
// starts them.
func managedControllers() []managedController {
	return []managedController{
		{
			name: "replicaset", client: "replicaset-controller",
			resource: appsv1.SchemeGroupVersion.WithResource("replicasets"),
			workers:  func(o controllerManagerOptions) int { return o.rsSyncs },
			new: func(c kubernetes.Interface, f *informers.SharedInformerFactory) runner {
				return replicaset.NewReplicaSetController(c, f, replicaset.Options{})
			},
		},
		{
			name: "replicationcontroller", client: "replication-controller",
			resource: corev1.SchemeGroupVersion.WithResource("replicationcontrollers"),
			workers:  func(o controllerManagerOptions) int { return o.rcSyncs },
			new: func(c kubernetes.Interface, f *informers.SharedInformerFactory) runner {
				return replicaset.NewReplicationManager(c, f, replicaset.Options{})
			},
		},
		{
			// Kubernetes' alias for garbage-collector-controller, and the
			// client name kube-controller-manager gives it.
			name: "garbagecollector", client: "generic-garbage-collector",
			workers: func(o controllerManagerOptions) int { return o.gcSyncs },
			newWithMetadata: func(c kubernetes.Interface, m metadata.Interface) runner {
				return garbagecollector.New(m, garbagecollector.DeletableResources(c.Discovery()), garbagecollector.Options{})
			},
		},
	}
}

// enabledControllers reads --controllers as Kubernetes does: "name" runs
// that controller, "-name" leaves it out, "*" runs every one not left out.
func enabledControllers(list string) ([]managedController, error) {
	all := managedControllers()
	named := map[string]bool{} // name → run it
	star := false
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		name, off := strings.CutPrefix(item, "-")
		switch {
		case item == "":
		case item == "*":
			star = true
		case !slices.ContainsFunc(all, func(c managedController) bool { return c.name == name }):
			return nil, fmt.Errorf("--controllers: unknown controller %q (known: %s)", name, controllerNames(all))
		default:
			named[name] = !off
		}
	}
	var enabled []managedController
	for _, c := range all {
		if run, ok := named[c.name]; run || (!ok && star) {
			enabled = append(enabled, c)
		}
	}
	if len(enabled) == 0 {
		return nil, fmt.Errorf("--controllers %q runs no controller (known: %s)", list, controllerNames(all))
	}
	return enabled, nil
}

func controllerNames(cs []managedController) string {
	var names []string
	for _, c := range cs {
		names = append(names, c.name)
	}
	return strings.Join(names, ", ")
}

// servedControllers keeps the controllers whose resource the apiserver
// serves, and warns about the others. An apiserver without
// ReplicationControllers answers 404 for them: an informer on them would
// retry its first list forever, filling the log with 404s, and its
// controller would wait for it without a word; leaving that controller
// out, and saying so once, is clearer. Any other discovery error is
// returned.
func servedControllers(d discovery.DiscoveryInterface, cs []managedController) ([]managedController, error) {
	var served []managedController
	for _, c := range cs {
		if c.resource.Empty() {
			served = append(served, c) // it watches whatever is served
			continue
		}
		gv := c.resource.GroupVersion().String()
		list, err := d.ServerResourcesForGroupVersion(gv)
		if err != nil && !apierrors.IsNotFound(err) {
			return nil, fmt.Errorf("asking the apiserver whether it serves %s %s: %w", gv, c.resource.Resource, err)
		}
		if err != nil || !slices.ContainsFunc(list.APIResources, func(r metav1.APIResource) bool { return r.Name == c.resource.Resource }) {
			slog.Warn(fmt.Sprintf("not running the %s controller: the apiserver does not serve %s %s; running the others", c.name, gv, c.resource.Resource),
				"controller", c.name)
			continue
		}
		served = append(served, c)
	}
	return served, nil
}

// clientMaker returns a client whose requests carry the user agent of the
// client named name; metadataClientMaker, a metadata-only one.
type (
	clientMaker         func(name string) (kubernetes.Interface, error)
	metadataClientMaker func(name string) (metadata.Interface, error)
)

func clientsFrom(config *rest.Config) clientMaker {
	return func(name string) (kubernetes.Interface, error) {
		client, err := kubernetes.NewForConfig(configFor(config, name))
		if err != nil {
			return nil, fmt.Errorf("making the %s client: %w", name, err)
		}
		return client, nil
	}
}

func metadataClientsFrom(config *rest.Config) metadataClientMaker {
	return func(name string) (metadata.Interface, error) {
		client, err := metadata.NewForConfig(configFor(config, name))
		if err != nil {
			return nil, fmt.Errorf("making the %s metadata client: %w", name, err)
		}
		return client, nil
	}
}

// configFor is config with the user agent of the client named name.
func configFor(config *rest.Config, name string) *rest.Config {
	c := rest.CopyConfig(config)
	c.UserAgent = controllerManagerUserAgent(name)
	return c
}

func runControllerManager(ctx context.Context, args []string) error {
	var o controllerManagerOptions
	flags := flag.NewFlagSet("controller-manager", flag.ContinueOnError)
	o.addFlags(flags)
	if err := flags.Parse(args); err != nil {
		return err
	}
	if o.kubeconfig == "" {
		return fmt.Errorf("--kubeconfig is required")
	}
	enabled, err := enabledControllers(o.controllers)
	if err != nil {
		return err
	}
	config, err := restConfigFor(o.kubeconfig, "")
	if err != nil {
		return err
	}
	clients := clientsFrom(config)
	electionClient, err := clients("leader-election")
	if err != nil {
		return err
	}
	election := leaderElection{enabled: o.leaderElect, lockName: "kube-controller-manager", identity: o.identity}
	return runAsLeader(ctx, electionClient, election, func(ctx context.Context) error {
		return runControllers(ctx, clients, metadataClientsFrom(config), enabled, o)
	})
}

// runControllers starts the controllers of cs that the apiserver serves,
// over one shared informer factory, and runs them until ctx is done. It is
// called once this copy leads: a standby keeps no cache that could go
// stale while it waits.
func runControllers(ctx context.Context, clients clientMaker, metadataClients metadataClientMaker, cs []managedController, o controllerManagerOptions) error {
	discoveryClient, err := clients("controller-discovery")
	if err != nil {
		return err
	}
	cs, err = servedControllers(discoveryClient.Discovery(), cs)
	if err != nil {
		return err
	}
	if len(cs) == 0 {
		return fmt.Errorf("no controller to run: the apiserver serves none of their resources")
	}
	informerClient, err := clients("shared-informers")
	if err != nil {
		return err
	}
	factory := informers.NewSharedInformerFactory(informerClient, informers.FactoryOptions{})
	ctx, cancel := context.WithCancel(ctx)
	// Stop the informers before waiting for them (defers run last first),
	// also when a controller fails: a wait on running informers would hang.
	defer factory.Shutdown()
	defer cancel()
	// Every controller asks the factory for its informers before any
	// starts, so that one watch of pods serves them all.
	runners := make([]runner, len(cs))
	for i, c := range cs {
		runners[i], err = newRunner(c, clients, metadataClients, factory)
		if err != nil {
			return err
		}
	}
	factory.Start(ctx)
	g, ctx := errgroup.WithContext(ctx)
	for i, c := range cs {
		slog.Info("starting controller", "controller", c.name, "workers", c.workers(o))
		g.Go(func() error { return runners[i].Run(ctx, c.workers(o)) })
	}
	return g.Wait()
}

// newRunner makes controller c with clients of its own name.
func newRunner(c managedController, clients clientMaker, metadataClients metadataClientMaker, factory *informers.SharedInformerFactory) (runner, error) {
	client, err := clients(c.client)
	if err != nil {
		return nil, err
	}
	if c.newWithMetadata == nil {
		return c.new(client, factory), nil
	}
	m, err := metadataClients(c.client)
	if err != nil {
		return nil, err
	}
	return c.newWithMetadata(client, m), nil
}
