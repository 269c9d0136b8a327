// This file runs the apiserver on its own, over an etcd that is already
// running (`kubeling etcd`, or an external one): what chapter 02's labs
// start, and what `kubeling up` starts after etcd.

package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kubeling/kubeling/solutions/apiserver"
	"github.com/kubeling/kubeling/solutions/apiserver/kubeconfig"
	"github.com/kubeling/kubeling/solutions/apiserver/registry"
	"github.com/kubeling/kubeling/solutions/storage/etcd3"
)

// apiserverOptions are the flags of `kubeling apiserver`.
type apiserverOptions struct {
	etcdServers      string
	listen           string
	auditLog         string
	kubeconfigOut    string
	bookmarkInterval time.Duration
}

func (o *apiserverOptions) addFlags(flags *flag.FlagSet) {
	flags.StringVar(&o.etcdServers, "etcd-servers", "http://127.0.0.1:2379", "etcd client URLs, comma-separated")
	flags.StringVar(&o.listen, "listen", "127.0.0.1:6443", "address to serve HTTP on")
	flags.StringVar(&o.auditLog, "audit-log", "", "file to append one JSON line per request to (empty: none)")
	flags.StringVar(&o.kubeconfigOut, "kubeconfig-out", "", "write a kubeconfig for this apiserver here (empty: none)")
	// Kubernetes sends a watch a bookmark about once a minute; labs ask for
	// them more often, to see what an informer does with one.
	flags.DurationVar(&o.bookmarkInterval, "watch-bookmark-interval", registry.DefaultBookmarkInterval,
		"how often a watch that allows bookmarks gets a BOOKMARK event")
}

func runAPIServer(ctx context.Context, args []string) error {
	var o apiserverOptions
	flags := flag.NewFlagSet("apiserver", flag.ContinueOnError)
	o.addFlags(flags)
	if err := flags.Parse(args); err != nil {
		return err
	}
	ready, err := startAPIServer(ctx, o)
	if err != nil {
		return err
	}
	return <-ready
}

// startAPIServer connects to etcd, listens, writes the kubeconfig, and
// serves in the background. The returned channel reports how serving
// ended (nil once ctx is cancelled).
func startAPIServer(ctx context.Context, o apiserverOptions) (<-chan error, error) {
	store, err := etcd3.New(ctx, strings.Split(o.etcdServers, ","), 10*time.Second)
	if err != nil {
		return nil, err
	}
	config := apiserver.Config{Storage: store, BookmarkInterval: o.bookmarkInterval}
	var closeAudit func()
	if o.auditLog != "" {
		if err := os.MkdirAll(filepath.Dir(o.auditLog), 0o755); err != nil {
			store.Close()
			return nil, fmt.Errorf("creating the audit log's directory: %w", err)
		}
		f, err := os.OpenFile(o.auditLog, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			store.Close()
			return nil, fmt.Errorf("opening the audit log: %w", err)
		}
		config.AuditLog = f
		closeAudit = func() { f.Close() }
	}
	cleanup := func() {
		store.Close()
		if closeAudit != nil {
			closeAudit()
		}
	}
	server, err := apiserver.New(config)
	if err != nil {
		cleanup()
		return nil, err
	}
	l, err := net.Listen("tcp", o.listen)
	if err != nil {
		cleanup()
		return nil, fmt.Errorf("listening on %s: %w", o.listen, err)
	}
	url := "http://" + l.Addr().String()
	if err := server.Bootstrap(ctx, l.Addr().(*net.TCPAddr).Port); err != nil {
		l.Close()
		cleanup()
		return nil, err
	}
	if o.kubeconfigOut != "" {
		if err := kubeconfig.Write(o.kubeconfigOut, url); err != nil {
			l.Close()
			cleanup()
			return nil, err
		}
	}
	slog.Info("apiserver is ready", "url", url, "etcd", o.etcdServers, "kubeconfig", o.kubeconfigOut)
	done := make(chan error, 1)
	go func() {
		defer cleanup()
		done <- server.Serve(ctx, l)
	}()
	return done, nil
}
