// Package apiservertest starts a real apiserver for tests: the handler
// chain and every resource, over a SQLite store in the test's temporary
// directory, listening on a loopback port. Tests of this chapter, and of
// the chapters whose components talk to the apiserver, use it instead of
// a fake.
package apiservertest

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/utils/clock"

	"github.com/kubeling/kubeling/solutions/apiserver"
	"github.com/kubeling/kubeling/solutions/apiserver/kubeconfig"
	"github.com/kubeling/kubeling/solutions/storage"
	"github.com/kubeling/kubeling/solutions/storage/sqlite"
)

// Server is a running test apiserver.
type Server struct {
	// URL is http://127.0.0.1:<port>.
	URL     string
	Storage storage.Interface
	// Kubeconfig is the path of a kubeconfig for this server.
	Kubeconfig string
	Client     kubernetes.Interface
	RESTConfig *rest.Config
}

// Options adjust the server; the zero value is a plain apiserver.
type Options struct {
	AuditLog         io.Writer
	BookmarkInterval time.Duration
	RequestTimeout   time.Duration
	Clock            clock.PassiveClock
	// Storage replaces the SQLite store (a benchmark may pass etcd).
	Storage storage.Interface
}

// Start starts an apiserver that stops when the test ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	store := opts.Storage
	if store == nil {
		s, err := sqlite.Open(filepath.Join(t.TempDir(), "state.db"), 10*time.Millisecond)
		if err != nil {
			t.Fatalf("opening the test store: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		store = s
	}
	srv, err := apiserver.New(apiserver.Config{
		Storage: store, AuditLog: opts.AuditLog, BookmarkInterval: opts.BookmarkInterval,
		RequestTimeout: opts.RequestTimeout, Clock: opts.Clock,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatalf("building the apiserver: %v", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listening: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := srv.Bootstrap(ctx, l.Addr().(*net.TCPAddr).Port); err != nil {
		cancel()
		t.Fatalf("bootstrapping: %v", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(ctx, l)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})

	url := "http://" + l.Addr().String()
	path := filepath.Join(t.TempDir(), "kubeconfig")
	if err := kubeconfig.Write(path, url); err != nil {
		t.Fatal(err)
	}
	config := &rest.Config{Host: url, QPS: -1} // no client-side rate limit in tests
	client, err := kubernetes.NewForConfig(config)
	if err != nil {
		t.Fatal(err)
	}
	waitReady(t, url)
	return &Server{URL: url, Storage: store, Kubeconfig: path, Client: client, RESTConfig: config}
}

func waitReady(t testing.TB, url string) {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the apiserver at %s is not ready after 10s", url)
}
