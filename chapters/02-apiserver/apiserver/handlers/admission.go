// This file teaches one admission rule every cluster relies on (Kubernetes'
// NamespaceLifecycle plugin): nothing can be created in a namespace that
// does not exist, or that is being deleted.

package handlers

import (
	"context"
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// admitNamespace checks that namespace can receive new objects.
func (a *API) admitNamespace(ctx context.Context, s *scope) error {
	if !s.resource.Namespaced || a.namespaces == nil {
		return nil
	}
	ns, err := a.namespaces.Get(ctx, "", s.namespace)
	if err != nil {
		return err // 404: namespaces "x" not found, as Kubernetes says
	}
	accessor, err := meta.Accessor(ns)
	if err != nil {
		return apierrors.NewInternalError(err)
	}
	if accessor.GetDeletionTimestamp() != nil {
		return apierrors.NewForbidden(schema.GroupResource{Resource: s.resource.Name}, "",
			fmt.Errorf("unable to create new content in namespace %s because it is being terminated", s.namespace))
	}
	return nil
}
