// This file teaches how facts about a request travel down the handler chain:
// an early filter parses them once and stores them in the request's
// context, and every later filter and handler reads them from there. It
// mirrors WithRequestInfo and WithUser in k8s.io/apiserver.

package request

import "context"

type contextKey int

const (
	requestInfoKey contextKey = iota
	userKey
)

// UserInfo is who made a request, as the authentication filter decided.
type UserInfo struct {
	Name   string
	Groups []string
}

// WithRequestInfo returns a context that carries info.
func WithRequestInfo(ctx context.Context, info *RequestInfo) context.Context {
	return context.WithValue(ctx, requestInfoKey, info)
}

// RequestInfoFrom returns the RequestInfo stored by WithRequestInfo.
func RequestInfoFrom(ctx context.Context) (*RequestInfo, bool) {
	info, ok := ctx.Value(requestInfoKey).(*RequestInfo)
	return info, ok
}

// WithUser returns a context that carries the authenticated user.
func WithUser(ctx context.Context, u UserInfo) context.Context {
	return context.WithValue(ctx, userKey, u)
}

// UserFrom returns the user stored by WithUser.
func UserFrom(ctx context.Context) (UserInfo, bool) {
	u, ok := ctx.Value(userKey).(UserInfo)
	return u, ok
}
