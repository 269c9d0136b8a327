// Package patch applies the three kinds of PATCH that kubectl sends to the
// apiserver:
//
//   - JSON patch (RFC 6902, application/json-patch+json): a list of
//     operations — `kubectl rollout undo` replaces a Deployment's template
//     with one.
//   - JSON merge patch (RFC 7386, application/merge-patch+json): a partial
//     object whose fields replace the current ones, null deleting —
//     `kubectl scale` sends {"spec":{"replicas":3}} to /scale.
//   - Strategic merge patch (application/strategic-merge-patch+json): a
//     merge patch that knows Kubernetes' lists, merging containers by name
//     instead of replacing the whole list — `kubectl edit`, `label`,
//     `set image` and client-side `apply` send these.
//
// It mirrors the patchers of staging/src/k8s.io/apiserver/pkg/endpoints/
// handlers/patch.go in Kubernetes v1.37, built on the same libraries
// (gopkg.in/evanphx/json-patch.v4 and k8s.io/apimachinery's strategicpatch).
//
// Apply promises:
//
//   - Pure: current and patch are only read; the result is new JSON.
//   - The result decodes into the schema's type: a patch that turns a field
//     into the wrong type is refused, not stored. Fields the type does not
//     know are dropped, as when the apiserver decodes any body.
//   - Errors are *apierrors.StatusError with Kubernetes' codes: 400 for a
//     patch that is not well formed, 413 for a JSON patch of more than
//     10,000 operations, 415 for a patch type the resource does not take,
//     422 for a patch that does not apply or yields an invalid object, 500
//     (reason Unknown) where Kubernetes itself fails unexpectedly.
package patch
