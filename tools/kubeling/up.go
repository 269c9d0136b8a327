// This file starts the teaching cluster, as far as the course has built it,
// and tells the user how to reach it. Components are added here chapter by
// chapter, each started only after the one it depends on is ready.

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/kubeling/kubeling/solutions/scheduler"
	"github.com/kubeling/kubeling/solutions/storage/etcd3"
)

func runUp(ctx context.Context, args []string) error {
	flags := flag.NewFlagSet("up", flag.ContinueOnError)
	dir := flags.String("dir", ".kubeling", "where the cluster keeps its state and logs")
	etcdPort := flags.Int("etcd-port", 2379, "etcd's client port (2379 lets etcdctl work without flags)")
	apiserverPort := flags.Int("apiserver-port", 6443, "the apiserver's port")
	simNodes := flags.Int("sim-nodes", 3, "how many simulated nodes to start (0: none); they run pods without containers until the kubelet lands in chapter 07")
	if err := flags.Parse(args); err != nil {
		return err
	}
	absDir, err := filepath.Abs(*dir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(absDir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", absDir, err)
	}
	mode := detectMode()

	etcd, err := etcd3.StartEmbedded(ctx, etcd3.EmbeddedConfig{
		DataDir:   filepath.Join(absDir, "etcd"),
		ClientURL: fmt.Sprintf("http://127.0.0.1:%d", *etcdPort),
		PeerURL:   fmt.Sprintf("http://127.0.0.1:%d", *etcdPort+1),
	})
	if err != nil {
		return fmt.Errorf("starting etcd (is another cluster running? stop it, or pass -etcd-port): %w", err)
	}
	defer etcd.Close()

	// The apiserver outlives ctx: on Ctrl-C the components that talk to it
	// stop first (the scheduler releases its Lease through it), then it.
	apiserverCtx, stopAPIServer := context.WithCancel(context.WithoutCancel(ctx))
	defer stopAPIServer()
	kubeconfigPath := filepath.Join(absDir, "kubeconfig")
	apiserverDone, err := startAPIServer(apiserverCtx, apiserverOptions{
		etcdServers:   etcd.ClientURL(),
		listen:        fmt.Sprintf("127.0.0.1:%d", *apiserverPort),
		auditLog:      filepath.Join(absDir, "audit.log"),
		kubeconfigOut: kubeconfigPath,
	})
	if err != nil {
		return fmt.Errorf("starting the apiserver (is another cluster running? stop it, or pass -apiserver-port): %w", err)
	}

	procs, err := startControlPlane(absDir, kubeconfigPath, *simNodes)
	defer procs.stopAll() // before the apiserver and etcd stop
	if err != nil {
		return err
	}

	writeBanner(os.Stdout, banner{
		mode: mode, dir: absDir, etcdURL: etcd.ClientURL(), apiserverPort: *apiserverPort,
		kubeconfig: kubeconfigPath, simNodes: *simNodes,
	})

	select {
	case <-ctx.Done():
		fmt.Println("kubeling: stopping")
		procs.stopAll()
		stopAPIServer()
		<-apiserverDone
		return nil
	case err := <-etcd.Err():
		return fmt.Errorf("etcd failed: %w", err)
	case err := <-apiserverDone:
		return fmt.Errorf("the apiserver stopped: %w", err)
	case err := <-procs.firstExit(ctx):
		return err
	}
}

// startControlPlane starts the components that talk to the apiserver,
// each as a process of its own with its log in dir: the scheduler, the
// controller manager and, if simNodes > 0, the simulated nodes. It
// returns those it started even when one fails, so that the caller stops
// them.
func startControlPlane(dir, kubeconfig string, simNodes int) (components, error) {
	var procs components
	sched := schedulerOptions{kubeconfig: kubeconfig, schedulerName: scheduler.DefaultSchedulerName, leaderElect: true}
	c, err := startComponent("scheduler", dir, "scheduler", sched.args())
	if err != nil {
		return procs, err
	}
	procs = append(procs, c)
	manager := defaultControllerManagerOptions(kubeconfig)
	c, err = startComponent("controller-manager", dir, "controller-manager", manager.args())
	if err != nil {
		return procs, err
	}
	procs = append(procs, c)
	if simNodes > 0 {
		sim := simnodesOptions{kubeconfig: kubeconfig, count: simNodes, prefix: "node-", cpu: "4", memory: "16Gi", pods: 110}
		c, err := startComponent("simnodes", dir, "simnodes", sim.args())
		if err != nil {
			return procs, err
		}
		procs = append(procs, c)
	}
	return procs, nil
}

// banner is what `kubeling up` tells the user once the cluster is up.
type banner struct {
	mode          runMode
	dir           string // the cluster's state directory
	etcdURL       string
	apiserverPort int
	kubeconfig    string
	simNodes      int // 0: no nodes at all
}

// writeBanner says what runs now, where it keeps its state, and how to
// reach it. It names only the components that `kubeling up` starts today,
// and of the controller manager only the controllers it runs, and says
// plainly that simulated nodes run no containers.
func writeBanner(w io.Writer, b banner) {
	fmt.Fprintf(w, `kubeling: the teaching cluster is up.

  running:   etcd and the apiserver (chapters 01 and 02), the scheduler
             (chapter 04, log in %s),
             the controller manager (chapter 05: ReplicaSets,
             ReplicationControllers and the garbage collector,
             log in %s),
             %s
  mode:      %s (%s): once kubelets run,
             they will run %s
  state:     %s
  etcd:      %s  (embedded, data in %s)
  apiserver: http://127.0.0.1:%d  (audit log in %s)

Use it with the real kubectl:
  export KUBECONFIG=%s
  bin/kubectl get nodes
  bin/kubectl run nginx --image=nginx
  bin/kubectl get pods -o wide

Look at what the cluster stores:
  bin/etcdctl get --keys-only --prefix /registry

Press Ctrl-C to stop; the state stays in %s for the next start.
`, filepath.Join(b.dir, "scheduler.log"), filepath.Join(b.dir, "controller-manager.log"), nodesLine(b), b.mode.name, b.mode.reason, b.mode.pods, b.dir, b.etcdURL, filepath.Join(b.dir, "etcd"),
		b.apiserverPort, filepath.Join(b.dir, "audit.log"), b.kubeconfig, b.dir)
}

// nodesLine tells what the nodes are: no kubelet runs containers until
// chapter 07, so a pod shown Running must not be mistaken for a process.
func nodesLine(b banner) string {
	if b.simNodes == 0 {
		return `and no nodes: pods stay Pending, with no node to run on
             (start with -sim-nodes N for simulated nodes).`
	}
	return fmt.Sprintf(`and %d simulated nodes (log in %s): a pod bound to one
             is reported Running with an IP, but no container runs it
             until the kubelet lands in chapter 07.`, b.simNodes, filepath.Join(b.dir, "simnodes.log"))
}
