// This file teaches how the apiserver is put together: stores for the
// resources, the REST handlers over them, the non-resource paths beside
// them, and the handler chain around everything. It mirrors what
// kube-apiserver's CreateServerChain does, without the aggregation layer.

package apiserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"time"

	"k8s.io/utils/clock"

	"github.com/kubeling/kubeling/solutions/apiserver/discovery"
	"github.com/kubeling/kubeling/solutions/apiserver/filters"
	"github.com/kubeling/kubeling/solutions/apiserver/handlers"
	"github.com/kubeling/kubeling/solutions/apiserver/openapi"
	"github.com/kubeling/kubeling/solutions/apiserver/patch"
	"github.com/kubeling/kubeling/solutions/apiserver/registry"
	moreresources "github.com/kubeling/kubeling/solutions/apiserver/registry/resources"
	"github.com/kubeling/kubeling/solutions/apiserver/request"
	"github.com/kubeling/kubeling/solutions/storage"
)

// Config configures a Server. Only Storage is required.
type Config struct {
	Storage storage.Interface
	// AuditLog receives one JSON line per request; nil: no audit log.
	AuditLog io.Writer
	Log      *slog.Logger
	// Checks default and validate objects before they are stored; the zero
	// value uses DefaultChecks.
	Checks *registry.Checks
	// Patch applies PATCH bodies; nil uses patch.Apply.
	Patch handlers.PatchFunc

	RequestTimeout      time.Duration // 0: 60s
	MaxRequestBodyBytes int64         // 0: 3 MiB
	BookmarkInterval    time.Duration // 0: a minute
	Clock               clock.PassiveClock
	Authenticator       filters.Authenticator // nil: everyone is system:anonymous
	Authorizer          filters.Authorizer    // nil: everything is allowed
	// ServiceClusterIPRange is where Service cluster IPs come from; its
	// first address is the `kubernetes` Service's. Zero: 10.96.0.0/12.
	ServiceClusterIPRange netip.Prefix
}

// Server is an apiserver. Its handler is safe for concurrent use.
type Server struct {
	handler      http.Handler
	namespaces   *registry.Store
	nsController *namespaceController
	services     *registry.Store
	serviceRange netip.Prefix
	log          *slog.Logger
}

// New builds a Server over c.Storage.
func New(c Config) (*Server, error) {
	if c.Storage == nil {
		return nil, errors.New("apiserver: no storage configured")
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	checks := DefaultChecks()
	if c.Checks != nil {
		checks = *c.Checks
	}
	if c.Patch == nil {
		c.Patch = patch.Apply
	}
	now := time.Now
	if c.Clock != nil {
		now = c.Clock.Now
	}

	// The chapter's resources, then events and the other API groups.
	resources := append(registry.Catalogue(), moreresources.Catalogue()...)
	var stores []*registry.Store
	if !c.ServiceClusterIPRange.IsValid() {
		c.ServiceClusterIPRange = DefaultServiceClusterIPRange
	}
	s := &Server{log: c.Log, serviceRange: c.ServiceClusterIPRange.Masked()}
	for _, r := range resources {
		store := registry.NewStore(r, registry.Options{Storage: c.Storage, Checks: checks, Clock: c.Clock})
		stores = append(stores, store)
		if r.GroupVersion.Group == "" && r.Name == "namespaces" {
			s.namespaces = store
		}
		if r.GroupVersion.Group == "" && r.Name == "services" {
			s.services = store
		}
	}
	if c.Authenticator == nil {
		c.Authenticator = filters.Anonymous{}
	}
	if c.Authorizer == nil {
		c.Authorizer = filters.AlwaysAllow{}
	}
	s.nsController = newNamespaceController(s.namespaces, stores, c.Log)
	api := handlers.New(handlers.Config{
		Stores: stores, Patch: c.Patch, BookmarkInterval: c.BookmarkInterval, Now: now,
		Reviews: reviews(c.Authenticator, c.Authorizer),
	})
	openAPI, err := openapi.NewHandler(resources, discovery.GitVersion)
	if err != nil {
		return nil, err
	}
	apiDiscovery := discovery.NewHandler(resources)

	mux := http.NewServeMux()
	// /api and /apis serve both resources and discovery documents; the
	// RequestInfo parsed by the chain says which a path is.
	apis := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if info, ok := request.RequestInfoFrom(r.Context()); ok && info.IsResourceRequest {
			api.ServeHTTP(w, r)
			return
		}
		apiDiscovery.ServeHTTP(w, r)
	})
	mux.Handle("/api", apis)
	mux.Handle("/api/", apis)
	mux.Handle("/apis", apis)
	mux.Handle("/apis/", apis)
	mux.Handle("/openapi/", openAPI)
	mux.Handle("/version", discovery.VersionHandler())
	live := discovery.HealthHandler(map[string]discovery.Check{})
	ready := discovery.HealthHandler(map[string]discovery.Check{
		"etcd": func(ctx context.Context) error {
			_, err := c.Storage.CurrentResourceVersion(ctx)
			return err
		},
	})
	mux.Handle("/livez", live)
	mux.Handle("/healthz", ready)
	mux.Handle("/readyz", ready)
	mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { discovery.NotFound(w) }))

	s.handler = filters.BuildHandlerChain(mux, filters.ChainConfig{
		RequestTimeout:      c.RequestTimeout,
		MaxRequestBodyBytes: c.MaxRequestBodyBytes,
		AuditLog:            c.AuditLog,
		Authenticator:       c.Authenticator,
		Authorizer:          c.Authorizer,
		Log:                 c.Log,
		Now:                 now,
	})
	return s, nil
}

// Handler returns the apiserver's HTTP handler, chain included.
func (s *Server) Handler() http.Handler { return s.handler }

// Serve starts the namespace controller and serves HTTP on l until ctx
// ends, then shuts down, giving open requests a few seconds to finish.
// Call Bootstrap first: a caller that tells clients where the apiserver is
// (a kubeconfig) does so once the system namespaces exist.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	controllerCtx, stopController := context.WithCancel(ctx)
	controllerDone := make(chan struct{})
	go func() {
		defer close(controllerDone)
		s.nsController.run(controllerCtx)
	}()
	defer func() { // the controller never outlives Serve, nor the storage it uses
		stopController()
		<-controllerDone
	}()
	srv := &http.Server{Handler: s.handler, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l) }()
	s.log.Info("apiserver is serving", "address", l.Addr().String())
	select {
	case err := <-done:
		return fmt.Errorf("serving HTTP: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdown) // watches do not end by themselves: Close below cuts them
	_ = srv.Close()
	return nil
}
