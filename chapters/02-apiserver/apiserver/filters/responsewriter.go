// This file teaches how a filter learns what the handlers inside it
// answered: it wraps the ResponseWriter and remembers the status code. The
// wrapper must still let a watch flush through it, which Go's
// http.ResponseController does via Unwrap.

package filters

import (
	"net/http"
	"sync"
)

// recorder remembers the status code written through it. It is safe for
// the handler goroutine and the filter to use concurrently.
type recorder struct {
	http.ResponseWriter
	mu   sync.Mutex
	code int
	// onHeader, if set, is called once when the status is written.
	onHeader func(code int)
}

func (r *recorder) WriteHeader(code int) {
	r.mu.Lock()
	first := r.code == 0
	if first {
		r.code = code
	}
	r.mu.Unlock()
	if first && r.onHeader != nil {
		r.onHeader(code)
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status() == 0 {
		r.WriteHeader(http.StatusOK)
	}
	return r.ResponseWriter.Write(b)
}

// status returns the code written so far, or 0.
func (r *recorder) status() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.code
}

// Unwrap lets http.ResponseController reach the real writer's Flush.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
