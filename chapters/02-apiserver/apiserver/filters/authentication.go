// This file teaches the authentication seam: before anything else, the
// apiserver decides who is asking (from a client certificate, a bearer
// token...). The teaching cluster has no credentials yet, so every request
// is the anonymous user; a later chapter plugs a real Authenticator in
// here without touching anything else. It mirrors WithAuthentication in
// k8s.io/apiserver.

package filters

import (
	"net/http"

	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/handlers"
	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/request"
)

// Authenticator decides who sent a request. ok is false when the request
// carries no credentials it understands.
type Authenticator interface {
	Authenticate(r *http.Request) (user request.UserInfo, ok bool, err error)
}

// Anonymous authenticates everyone as system:anonymous, as Kubernetes does
// with --anonymous-auth for a request without credentials.
type Anonymous struct{}

// Authenticate implements Authenticator.
func (Anonymous) Authenticate(*http.Request) (request.UserInfo, bool, error) {
	return request.UserInfo{Name: "system:anonymous", Groups: []string{"system:unauthenticated"}}, true, nil
}

// WithAuthentication stores the user in the request's context, or answers
// 401 Unauthorized.
func WithAuthentication(next http.Handler, authn Authenticator) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, ok, err := authn.Authenticate(r)
		if err != nil || !ok {
			handlers.WriteError(w, r, apierrors.NewUnauthorized("Unauthorized"))
			return
		}
		recordUser(r.Context(), user)
		next.ServeHTTP(w, r.WithContext(request.WithUser(r.Context(), user)))
	})
}
