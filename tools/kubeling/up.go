// This file starts the teaching cluster, as far as the course has built it,
// and tells the user how to reach it. Components are added here chapter by
// chapter, each started only after the one it depends on is ready.

package main

import (
	"context"
	"flag"
	"fmt"
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

	fmt.Printf(`kubeling: the teaching cluster is up.

  mode:      %s
             (%s)
  state:     %s
  etcd:      %s  (embedded, data in %s)
  apiserver: http://127.0.0.1:%d  (audit log in %s)

Use it with the real kubectl:
  export KUBECONFIG=%s
  bin/kubectl get namespaces

Look at what the cluster stores:
  bin/etcdctl get --keys-only --prefix /registry

This cluster runs what the course has built so far: storage (chapter 01) and
the apiserver (chapter 02). Controllers, scheduler and kubelets join as their
chapters land.
Press Ctrl-C to stop; the state stays in %s for the next start.
`, mode.name, mode.reason, absDir, etcd.ClientURL(), filepath.Join(absDir, "etcd"),
		*apiserverPort, filepath.Join(absDir, "audit.log"), kubeconfigPath, absDir)

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
