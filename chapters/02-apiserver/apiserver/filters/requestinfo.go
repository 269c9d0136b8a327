// This file teaches why the URL is parsed once, early: the timeout filter
// must know whether a request is a watch, the audit log what it touched,
// authorization what it asks for. Each reads the RequestInfo from the
// context. It mirrors WithRequestInfo in k8s.io/apiserver.

package filters

import (
	"net/http"

	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/request"
)

// WithRequestInfo stores the request's RequestInfo in its context.
func WithRequestInfo(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info := request.NewRequestInfo(r)
		next.ServeHTTP(w, r.WithContext(request.WithRequestInfo(r.Context(), info)))
	})
}
