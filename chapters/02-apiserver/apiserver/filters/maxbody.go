// This file teaches the body size limit: a client cannot make the
// apiserver read (and hold in memory) an arbitrarily large body. Kubernetes
// caps request bodies at 3 MiB, about etcd's own 1.5 MiB value limit twice
// over; beyond it the answer is 413 Request Entity Too Large.

package filters

import (
	"fmt"
	"net/http"

	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/handlers"
)

// DefaultMaxRequestBodyBytes is Kubernetes' limit: 3 MiB.
const DefaultMaxRequestBodyBytes = 3 << 20

// WithMaxBodySize refuses bodies over limit bytes: at once when the
// Content-Length says so, else when reading passes the limit (the handler
// sees an *http.MaxBytesError and answers 413).
func WithMaxBodySize(next http.Handler, limit int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > limit {
			handlers.WriteError(w, r, apierrors.NewRequestEntityTooLargeError(fmt.Sprintf("limit is %d bytes", limit)))
			return
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		next.ServeHTTP(w, r)
	})
}
