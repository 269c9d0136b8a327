package apiserver_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	authenticationv1 "k8s.io/api/authentication/v1"
	authorizationv1 "k8s.io/api/authorization/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubeling/kubeling/solutions/apiserver/apiservertest"
	"github.com/kubeling/kubeling/solutions/storage"
)

// What `kubectl auth can-i` and `kubectl auth whoami` ask, answered by
// today's allow-all seams, and never stored.
func TestReviewsAreAnsweredNotStored(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	ctx := context.Background()

	ssar, err := srv.Client.AuthorizationV1().SelfSubjectAccessReviews().Create(ctx, &authorizationv1.SelfSubjectAccessReview{
		Spec: authorizationv1.SelfSubjectAccessReviewSpec{ResourceAttributes: &authorizationv1.ResourceAttributes{
			Namespace: "default", Verb: "delete", Resource: "pods",
		}},
	}, metav1.CreateOptions{})
	require.NoError(t, err)
	assert.True(t, ssar.Status.Allowed)
	assert.Equal(t, "delete", ssar.Spec.ResourceAttributes.Verb, "the question comes back with its answer")

	whoami, err := srv.Client.AuthenticationV1().SelfSubjectReviews().Create(ctx, &authenticationv1.SelfSubjectReview{}, metav1.CreateOptions{})
	require.NoError(t, err)
	assert.Equal(t, "system:anonymous", whoami.Status.UserInfo.Username)

	token, err := srv.Client.AuthenticationV1().TokenReviews().Create(ctx, &authenticationv1.TokenReview{
		Spec: authenticationv1.TokenReviewSpec{Token: "abc"},
	}, metav1.CreateOptions{})
	require.NoError(t, err)
	assert.True(t, token.Status.Authenticated)
	assert.Equal(t, "system:anonymous", token.Status.User.Username)

	// Malformed questions are refused, as Kubernetes refuses them.
	_, err = srv.Client.AuthenticationV1().TokenReviews().Create(ctx, &authenticationv1.TokenReview{}, metav1.CreateOptions{})
	assertAPIError(t, err, 400)
	_, err = srv.Client.AuthorizationV1().SelfSubjectAccessReviews().Create(ctx, &authorizationv1.SelfSubjectAccessReview{}, metav1.CreateOptions{})
	assertAPIError(t, err, 422)
	_, err = srv.Client.AuthorizationV1().SubjectAccessReviews().Create(ctx, &authorizationv1.SubjectAccessReview{
		Spec: authorizationv1.SubjectAccessReviewSpec{NonResourceAttributes: &authorizationv1.NonResourceAttributes{Path: "/healthz", Verb: "get"}},
	}, metav1.CreateOptions{})
	assertAPIError(t, err, 422) // no user, no groups

	// create is the only verb.
	assert.Equal(t, 405, do(t, "GET", srv.URL+"/apis/authentication.k8s.io/v1/tokenreviews", "").code)
	assert.Equal(t, 405, do(t, "DELETE", srv.URL+"/apis/authentication.k8s.io/v1/tokenreviews/x", "").code)
	for _, prefix := range []string{"/registry/tokenreviews/", "/registry/selfsubjectaccessreviews/", "/registry/selfsubjectreviews/"} {
		stored, err := srv.Storage.List(ctx, prefix, storage.ListOptions{})
		require.NoError(t, err)
		assert.Empty(t, stored.Items, prefix)
	}
}

func assertAPIError(t *testing.T, err error, code int32) {
	t.Helper()
	var status apierrors.APIStatus
	require.ErrorAs(t, err, &status)
	assert.Equal(t, code, status.Status().Code, status.Status().Message)
}
