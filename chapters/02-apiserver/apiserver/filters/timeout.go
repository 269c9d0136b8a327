// This file teaches the request timeout: no ordinary request may hold a
// connection (and a goroutine, and maybe a storage call) forever. After the
// deadline the client gets 504 Timeout and the handler's context is
// cancelled, so storage calls stop too. Watches are exempt: they are meant
// to last, and end by their own timeoutSeconds. It mirrors
// WithRequestDeadline (which reads ?timeout=, and refuses one that is not a
// duration with 400) and WithTimeoutForNonLongRunningRequests in
// k8s.io/apiserver.

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
		limit, err := requestTimeout(r, timeout)
		if err != nil {
			handlers.WriteError(w, r, err)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), limit)
		defer cancel()

		tw := newTimeoutWriter(w)
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

// requestTimeout is the time r may take: ceiling, or less if the client asks
// with ?timeout=. A timeout that is not a Go duration is 400, as in
// Kubernetes; 0s asks for no limit of the client's own, so ceiling applies.
func requestTimeout(r *http.Request, ceiling time.Duration) (time.Duration, error) {
	value := r.URL.Query().Get("timeout")
	if value == "" {
		return ceiling, nil
	}
	asked, err := time.ParseDuration(value)
	if err != nil {
		return 0, apierrors.NewBadRequest("invalid timeout specified in the request URL - " + err.Error())
	}
	if asked > 0 && asked < ceiling {
		return asked, nil
	}
	return ceiling, nil
}

// timeoutWriter passes writes through until the request times out, and
// drops them after: the handler goroutine may still be running. The
// handler gets a header map of its own, copied to the real one (under the
// lock) when it begins its answer: were the map shared, the timeout's
// answer and a handler still setting headers would write one map at once,
// a fatal error no recovery filter can catch.
type timeoutWriter struct {
	w      http.ResponseWriter
	header http.Header // the handler's; only its goroutine touches it

	mu       sync.Mutex
	wrote    bool
	timedOut bool
}

func newTimeoutWriter(w http.ResponseWriter) *timeoutWriter {
	return &timeoutWriter{w: w, header: w.Header().Clone()}
}

func (t *timeoutWriter) Header() http.Header { return t.header }

func (t *timeoutWriter) WriteHeader(code int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.timedOut || t.wrote {
		return
	}
	t.beginAnswer()
	t.w.WriteHeader(code)
}

func (t *timeoutWriter) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.timedOut {
		return 0, http.ErrHandlerTimeout
	}
	if !t.wrote {
		t.beginAnswer()
	}
	return t.w.Write(b)
}

// beginAnswer copies the handler's headers into the real ones, as the
// real writer would send them on its first write. t.mu must be held.
func (t *timeoutWriter) beginAnswer() {
	t.wrote = true
	for k, v := range t.header {
		t.w.Header()[k] = v
	}
}

// timeOut answers 504 unless the handler has already begun its answer.
// The real header map holds none of the handler's headers until then.
func (t *timeoutWriter) timeOut(r *http.Request, limit time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.timedOut = true
	if t.wrote {
		return
	}
	handlers.WriteError(t.w, r, apierrors.NewTimeoutError("request did not complete within "+limit.String(), 0))
}
