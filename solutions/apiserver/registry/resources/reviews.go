// This file teaches a kind of resource that is a question, not a record:
// a TokenReview ("who is this token?"), a SelfSubjectReview ("who am I?")
// or a SubjectAccessReview ("may this user delete pods?") is POSTed and
// answered in the response (solutions/apiserver/reviews.go); nothing is
// stored, and create is the only verb.

package resources

import (
	authenticationv1 "k8s.io/api/authentication/v1"
	authorizationv1 "k8s.io/api/authorization/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubeling/kubeling/solutions/apiserver/registry"
)

func reviews() []*registry.Resource {
	authn, authz := authenticationv1.SchemeGroupVersion, authorizationv1.SchemeGroupVersion
	return []*registry.Resource{
		review(authn, "selfsubjectreviews", "SelfSubjectReview", func() runtime.Object { return &authenticationv1.SelfSubjectReview{} }),
		review(authn, "tokenreviews", "TokenReview", func() runtime.Object { return &authenticationv1.TokenReview{} }),
		review(authz, "selfsubjectaccessreviews", "SelfSubjectAccessReview",
			func() runtime.Object { return &authorizationv1.SelfSubjectAccessReview{} }),
		review(authz, "subjectaccessreviews", "SubjectAccessReview",
			func() runtime.Object { return &authorizationv1.SubjectAccessReview{} }),
	}
}

// review describes a create-only resource; its singular name is its plural
// without the "s", and it has no list type of its own.
func review(gv schema.GroupVersion, name, kind string, newObj func() runtime.Object) *registry.Resource {
	return &registry.Resource{
		GroupVersion: gv, Name: name, SingularName: name[:len(name)-1], Kind: kind, CreateOnly: true,
		New: newObj, NewList: newObj,
	}
}
