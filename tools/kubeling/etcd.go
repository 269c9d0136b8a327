// This file runs an embedded etcd on its own: what chapter 01's labs start,
// and what `kubeling up` starts first.

package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"

	"github.com/kubeling/kubeling/solutions/storage/etcd3"
)

func runEtcd(ctx context.Context, args []string) error {
	flags := flag.NewFlagSet("etcd", flag.ContinueOnError)
	dataDir := flags.String("data-dir", "etcd-data", "where etcd keeps its data")
	clientURL := flags.String("listen-client-url", "http://127.0.0.1:2379", "where clients connect")
	peerURL := flags.String("listen-peer-url", "http://127.0.0.1:2380", "where peers would connect")
	if err := flags.Parse(args); err != nil {
		return err
	}
	e, err := etcd3.StartEmbedded(ctx, etcd3.EmbeddedConfig{DataDir: *dataDir, ClientURL: *clientURL, PeerURL: *peerURL})
	if err != nil {
		return err
	}
	defer e.Close()
	slog.Info("etcd is ready", "url", e.ClientURL(), "dataDir", *dataDir)
	select {
	case <-ctx.Done():
		slog.Info("etcd is stopping")
		return nil
	case err := <-e.Err():
		return fmt.Errorf("etcd failed: %w", err)
	}
}
