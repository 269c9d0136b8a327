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

	"github.com/kubeling/kubeling/solutions/storage/etcd3"
)

func runUp(ctx context.Context, args []string) error {
	flags := flag.NewFlagSet("up", flag.ContinueOnError)
	dir := flags.String("dir", ".kubeling", "where the cluster keeps its state and logs")
	etcdPort := flags.Int("etcd-port", 2379, "etcd's client port (2379 lets etcdctl work without flags)")
	apiserverPort := flags.Int("apiserver-port", 6443, "the apiserver's port")
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

	kubeconfigPath := filepath.Join(absDir, "kubeconfig")
	apiserverDone, err := startAPIServer(ctx, apiserverOptions{
		etcdServers:   etcd.ClientURL(),
		listen:        fmt.Sprintf("127.0.0.1:%d", *apiserverPort),
		auditLog:      filepath.Join(absDir, "audit.log"),
		kubeconfigOut: kubeconfigPath,
	})
	if err != nil {
		return fmt.Errorf("starting the apiserver (is another cluster running? stop it, or pass -apiserver-port): %w", err)
	}

	writeBanner(os.Stdout, banner{
		mode: mode, dir: absDir, etcdURL: etcd.ClientURL(), apiserverPort: *apiserverPort,
		kubeconfig: kubeconfigPath,
	})

	select {
	case <-ctx.Done():
		fmt.Println("kubeling: stopping")
		<-apiserverDone
		return nil
	case err := <-etcd.Err():
		return fmt.Errorf("etcd failed: %w", err)
	case err := <-apiserverDone:
		return fmt.Errorf("the apiserver stopped: %w", err)
	}
}

// banner is what `kubeling up` tells the user once the cluster is up.
type banner struct {
	mode          runMode
	dir           string // the cluster's state directory
	etcdURL       string
	apiserverPort int
	kubeconfig    string
}

// writeBanner says what runs now, where it keeps its state, and how to
// reach it. It names only the components that `kubeling up` starts today.
func writeBanner(w io.Writer, b banner) {
	fmt.Fprintf(w, `kubeling: the teaching cluster is up.

  running:   etcd and the apiserver (chapters 01 and 02). Pods are stored,
             but nothing runs them yet: the scheduler, the controllers and
             the kubelets land in chapters 04 to 07.
  mode:      %s (%s): once kubelets run,
             they will run %s
  state:     %s
  etcd:      %s  (embedded, data in %s)
  apiserver: http://127.0.0.1:%d  (audit log in %s)

Use it with the real kubectl:
  export KUBECONFIG=%s
  bin/kubectl get namespaces

Look at what the cluster stores:
  bin/etcdctl get --keys-only --prefix /registry

Press Ctrl-C to stop; the state stays in %s for the next start.
`, b.mode.name, b.mode.reason, b.mode.pods, b.dir, b.etcdURL, filepath.Join(b.dir, "etcd"),
		b.apiserverPort, filepath.Join(b.dir, "audit.log"), b.kubeconfig, b.dir)
}
