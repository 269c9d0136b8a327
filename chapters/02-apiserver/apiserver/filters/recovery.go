// This file teaches the outermost filter: a panic in any handler must not
// take the apiserver down. It is logged with its stack and answered with a
// 500 Status, and the server goes on serving. It mirrors
// WithPanicRecovery in k8s.io/apiserver.

package filters

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"

	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/handlers"
)

// WithPanicRecovery answers a panicking request with 500.
func WithPanicRecovery(next http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &recorder{ResponseWriter: w}
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if p == http.ErrAbortHandler { // net/http's way to drop a connection on purpose
				panic(p)
			}
			log.Error("panic serving a request", "method", r.Method, "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
			if rec.status() == 0 {
				handlers.WriteError(rec, r, apierrors.NewInternalError(fmt.Errorf("the server panicked: %v", p)))
			}
		}()
		next.ServeHTTP(rec, r)
	})
}
