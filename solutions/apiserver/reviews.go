// This file teaches how the API answers questions about its own security
// seams. A TokenReview asks the Authenticator who a bearer token is (a
// webhook authenticator elsewhere relies on it); a SelfSubjectAccessReview
// or SubjectAccessReview asks the Authorizer whether a user may do
// something (`kubectl auth can-i`); a SelfSubjectReview asks who the
// caller is (`kubectl auth whoami`). Nothing is stored. With today's
// allow-all seams every answer is "system:anonymous" and "yes"; a later
// chapter's real Authenticator and Authorizer change the answers without
// touching this file. It mirrors pkg/registry/authentication and
// pkg/registry/authorization in Kubernetes.

package apiserver

import (
	"context"
	"net/http"

	authenticationv1 "k8s.io/api/authentication/v1"
	authorizationv1 "k8s.io/api/authorization/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kubeling/kubeling/solutions/apiserver/filters"
	"github.com/kubeling/kubeling/solutions/apiserver/handlers"
	"github.com/kubeling/kubeling/solutions/apiserver/request"
)

// reviews returns the answers to the create-only resources.
func reviews(authn filters.Authenticator, authz filters.Authorizer) map[schema.GroupVersionResource]handlers.ReviewFunc {
	authentication := authenticationv1.SchemeGroupVersion
	authorization := authorizationv1.SchemeGroupVersion
	return map[schema.GroupVersionResource]handlers.ReviewFunc{
		authentication.WithResource("tokenreviews"):            tokenReview(authn),
		authentication.WithResource("selfsubjectreviews"):      selfSubjectReview,
		authorization.WithResource("selfsubjectaccessreviews"): selfSubjectAccessReview(authz),
		authorization.WithResource("subjectaccessreviews"):     subjectAccessReview(authz),
	}
}

// tokenReview authenticates a request that would carry the token, through
// the same Authenticator as every request.
func tokenReview(authn filters.Authenticator) handlers.ReviewFunc {
	return func(ctx context.Context, obj runtime.Object) (runtime.Object, error) {
		review := obj.(*authenticationv1.TokenReview)
		if review.Spec.Token == "" {
			return nil, apierrors.NewBadRequest("token is required for TokenReview in authentication")
		}
		probe, err := http.NewRequestWithContext(ctx, http.MethodGet, "/", nil)
		if err != nil {
			return nil, apierrors.NewInternalError(err)
		}
		probe.Header.Set("Authorization", "Bearer "+review.Spec.Token)
		user, ok, err := authn.Authenticate(probe)
		review.Status = authenticationv1.TokenReviewStatus{Authenticated: ok && err == nil}
		if err != nil {
			review.Status.Error = err.Error()
		}
		if review.Status.Authenticated {
			review.Status.User = authenticationv1.UserInfo{Username: user.Name, Groups: user.Groups}
			review.Status.Audiences = review.Spec.Audiences
		}
		return review, nil
	}
}

// selfSubjectReview answers "who am I": the user the request was
// authenticated as.
func selfSubjectReview(ctx context.Context, obj runtime.Object) (runtime.Object, error) {
	review := obj.(*authenticationv1.SelfSubjectReview)
	user, _ := request.UserFrom(ctx)
	review.Status.UserInfo = authenticationv1.UserInfo{Username: user.Name, Groups: user.Groups}
	return review, nil
}

func selfSubjectAccessReview(authz filters.Authorizer) handlers.ReviewFunc {
	return func(ctx context.Context, obj runtime.Object) (runtime.Object, error) {
		review := obj.(*authorizationv1.SelfSubjectAccessReview)
		user, _ := request.UserFrom(ctx)
		status, err := accessReview(ctx, authz, user, review.Spec.ResourceAttributes, review.Spec.NonResourceAttributes)
		if err != nil {
			return nil, err
		}
		review.Status = *status
		return review, nil
	}
}

func subjectAccessReview(authz filters.Authorizer) handlers.ReviewFunc {
	return func(ctx context.Context, obj runtime.Object) (runtime.Object, error) {
		review := obj.(*authorizationv1.SubjectAccessReview)
		if review.Spec.User == "" && len(review.Spec.Groups) == 0 {
			return nil, apierrors.NewInvalid(schema.GroupKind{Group: authorizationv1.GroupName, Kind: "SubjectAccessReview"}, "",
				field.ErrorList{field.Invalid(field.NewPath("spec", "user"), "", "at least one of user or group must be specified")})
		}
		user := request.UserInfo{Name: review.Spec.User, Groups: review.Spec.Groups}
		status, err := accessReview(ctx, authz, user, review.Spec.ResourceAttributes, review.Spec.NonResourceAttributes)
		if err != nil {
			return nil, err
		}
		review.Status = *status
		return review, nil
	}
}

// accessReview asks the Authorizer about the request the attributes
// describe, exactly as WithAuthorization asks about a real one.
func accessReview(ctx context.Context, authz filters.Authorizer, user request.UserInfo,
	res *authorizationv1.ResourceAttributes, nonRes *authorizationv1.NonResourceAttributes) (*authorizationv1.SubjectAccessReviewStatus, error) {
	var info *request.RequestInfo
	switch {
	case (res == nil) == (nonRes == nil):
		return nil, apierrors.NewInvalid(schema.GroupKind{Group: authorizationv1.GroupName, Kind: "SubjectAccessReview"}, "",
			field.ErrorList{field.Invalid(field.NewPath("spec", "resourceAttributes"), nil,
				"exactly one of nonResourceAttributes or resourceAttributes must be specified")})
	case res != nil:
		info = &request.RequestInfo{
			IsResourceRequest: true, Verb: res.Verb, APIGroup: res.Group, APIVersion: res.Version,
			Namespace: res.Namespace, Resource: res.Resource, Subresource: res.Subresource, Name: res.Name,
		}
	default:
		info = &request.RequestInfo{Path: nonRes.Path, Verb: nonRes.Verb}
	}
	allowed, reason, err := authz.Authorize(ctx, filters.Attributes{User: user, Info: info})
	status := &authorizationv1.SubjectAccessReviewStatus{Allowed: allowed, Denied: !allowed, Reason: reason}
	if err != nil {
		status.Allowed, status.Denied, status.EvaluationError = false, false, err.Error()
	}
	return status, nil
}
