// This file teaches the request timeout: no ordinary request may hold a
// connection (and a goroutine, and maybe a storage call) forever. After the
// deadline the client gets 504 Timeout and the handler's context is
// cancelled, so storage calls stop too. Watches are exempt: they are meant
// to last, and end by their own timeoutSeconds. It mirrors
// WithTimeoutForNonLongRunningRequests in k8s.io/apiserver.

package filters

import (
	"context"
	"net/http"
	"sync"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/handlers"
	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/request"
)

// DefaultRequestTimeout is Kubernetes' --request-timeout default.
const DefaultRequestTimeout = 60 * time.Second

// WithRequestTimeout gives every non-watch request at most timeout, or
// less if the client asks with ?timeout=10s (as kubectl --request-timeout
// does).
func WithRequestTimeout(next http.Handler, timeout time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if info, ok := request.RequestInfoFrom(r.Context()); ok && info.Verb == "watch" {
			next.ServeHTTP(w, r)
			return
		}
		limit := timeout
		if asked, err := time.ParseDuration(r.URL.Query().Get("timeout")); err == nil && asked > 0 && asked < limit {
			limit = asked
		}
		ctx, cancel := context.WithTimeout(r.Context(), limit)
		defer cancel()

		tw := &timeoutWriter{w: w}
		done := make(chan struct{})
		panicked := make(chan any, 1)
		go func() {
			defer close(done)
			defer func() {
				if p := recover(); p != nil {
					panicked <- p
				}
			}()
			next.ServeHTTP(tw, r.WithContext(ctx))
		}()
		select {
		case <-done:
			select {
			case p := <-panicked:
				panic(p) // let the recovery filter answer it
			default:
			}
		case <-ctx.Done():
			tw.timeOut(r, limit)
		}
	})
}

// timeoutWriter passes writes through until the request times out, and
// drops them after: the handler goroutine may still be running.
type timeoutWriter struct {
	w        http.ResponseWriter
	mu       sync.Mutex
	wrote    bool
	timedOut bool
}

func (t *timeoutWriter) Header() http.Header { return t.w.Header() }

func (t *timeoutWriter) WriteHeader(code int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.timedOut || t.wrote {
		return
	}
	t.wrote = true
	t.w.WriteHeader(code)
}

func (t *timeoutWriter) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.timedOut {
		return 0, http.ErrHandlerTimeout
	}
	t.wrote = true
	return t.w.Write(b)
}

// timeOut answers 504 unless the handler has already begun its answer.
func (t *timeoutWriter) timeOut(r *http.Request, limit time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.wrote {
		t.timedOut = true
		return
	}
	t.timedOut = true
	// The header map is shared with the handler goroutine; start clean.
	for k := range t.w.Header() {
		delete(t.w.Header(), k)
	}
	handlers.WriteError(t.w, r, apierrors.NewTimeoutError("request did not complete within "+limit.String(), 0))
}
