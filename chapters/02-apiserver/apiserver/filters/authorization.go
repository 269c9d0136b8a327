// This file teaches the authorization seam: once the apiserver knows who
// is asking, it decides whether they may do what the RequestInfo says
// (verb, resource, namespace, name). RBAC is one such Authorizer; the
// teaching cluster allows everything for now. It mirrors WithAuthorization
// in k8s.io/apiserver.

package filters

import (
	"context"
	"fmt"
	"net/http"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/handlers"
	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/request"
)

// Attributes are what an authorization decision is about.
type Attributes struct {
	User request.UserInfo
	Info *request.RequestInfo
}

// Authorizer decides whether a request may proceed; reason explains a
// refusal.
type Authorizer interface {
	Authorize(ctx context.Context, a Attributes) (allowed bool, reason string, err error)
}

// AlwaysAllow allows every request (Kubernetes' --authorization-mode=AlwaysAllow).
type AlwaysAllow struct{}

// Authorize implements Authorizer.
func (AlwaysAllow) Authorize(context.Context, Attributes) (bool, string, error) { return true, "", nil }

// WithAuthorization answers 403 Forbidden to requests authz refuses.
func WithAuthorization(next http.Handler, authz Authorizer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _ := request.UserFrom(r.Context())
		info, _ := request.RequestInfoFrom(r.Context())
		allowed, reason, err := authz.Authorize(r.Context(), Attributes{User: user, Info: info})
		if err != nil {
			handlers.WriteError(w, r, apierrors.NewInternalError(fmt.Errorf("authorizing the request: %w", err)))
			return
		}
		if !allowed {
			gr := schema.GroupResource{}
			name := ""
			if info != nil {
				gr = schema.GroupResource{Group: info.APIGroup, Resource: info.Resource}
				name = info.Name
			}
			handlers.WriteError(w, r, apierrors.NewForbidden(gr, name,
				fmt.Errorf("User %q cannot %s: %s", user.Name, verbOf(info), reason)))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func verbOf(info *request.RequestInfo) string {
	if info == nil {
		return "do this"
	}
	return info.Verb
}
