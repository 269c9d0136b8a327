// This file teaches how the teaching cluster runs etcd without installing
// it: go.etcd.io/etcd/server/v3/embed starts a real, single-member etcd
// inside the process, with its data directory on disk so that the cluster's
// state survives a restart.

package etcd3

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
)

// EmbeddedConfig says where an embedded etcd keeps its data and listens.
type EmbeddedConfig struct {
	DataDir string
	// ClientURL is where clients (the apiserver, etcdctl) connect, for
	// instance http://127.0.0.1:2379. Port 0 picks a free port.
	ClientURL string
	// PeerURL is where other members would connect; a single member still
	// needs one. For instance http://127.0.0.1:2380.
	PeerURL string
	// LogLevel is etcd's own log level; "error" keeps it quiet.
	LogLevel string
}

// Embedded is a running embedded etcd.
type Embedded struct {
	etcd *embed.Etcd
}

// StartEmbedded starts etcd and waits until it serves requests or ctx ends.
func StartEmbedded(ctx context.Context, c EmbeddedConfig) (*Embedded, error) {
	clientURL, err := url.Parse(c.ClientURL)
	if err != nil {
		return nil, fmt.Errorf("parsing etcd client URL: %w", err)
	}
	peerURL, err := url.Parse(c.PeerURL)
	if err != nil {
		return nil, fmt.Errorf("parsing etcd peer URL: %w", err)
	}
	cfg := embed.NewConfig()
	cfg.Name = "kubeling"
	cfg.Dir = c.DataDir
	cfg.ListenClientUrls = []url.URL{*clientURL}
	cfg.AdvertiseClientUrls = []url.URL{*clientURL}
	cfg.ListenPeerUrls = []url.URL{*peerURL}
	cfg.AdvertisePeerUrls = []url.URL{*peerURL}
	cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	cfg.LogLevel = c.LogLevel
	if cfg.LogLevel == "" {
		cfg.LogLevel = "error"
	}

	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return nil, fmt.Errorf("starting embedded etcd in %s: %w", c.DataDir, err)
	}
	select {
	case <-e.Server.ReadyNotify():
		return &Embedded{etcd: e}, nil
	case err := <-e.Err():
		e.Close()
		return nil, fmt.Errorf("starting embedded etcd: %w", err)
	case <-time.After(60 * time.Second): // a cold start on a slow disk takes a few seconds, never a minute
		e.Close()
		return nil, fmt.Errorf("starting embedded etcd in %s: not ready after 60s", c.DataDir)
	case <-ctx.Done():
		e.Close()
		return nil, ctx.Err()
	}
}

// ClientURL returns the address clients should use (with the real port when
// the configuration asked for port 0).
func (e *Embedded) ClientURL() string {
	return "http://" + e.etcd.Clients[0].Addr().String()
}

// Err reports a fatal error of the running server.
func (e *Embedded) Err() <-chan error { return e.etcd.Err() }

// Close stops etcd and waits for it to flush to disk.
func (e *Embedded) Close() { e.etcd.Close() }
