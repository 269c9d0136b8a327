// Package validation decides whether an object may be stored: it returns
// every problem it finds as a field error, and the apiserver answers
// 422 Unprocessable Entity with the list, which kubectl prints as
//
//	The Deployment "nginx" is invalid: spec.template.metadata.labels:
//	Invalid value: {"app":"nginx"}: `selector` does not match template `labels`
//
// It mirrors the validation of Kubernetes v1.37 for the fields the teaching
// cluster serves. This package holds the entry points and the rules of
// pkg/apis/apps/validation that the lesson teaches (a workload's selector
// and its template); package validation/resources, reference code outside
// the chapter, holds every other kind's rules (pkg/apis/core/validation,
// pkg/apis/coordination/validation) and the metadata checks of every
// object (staging/src/k8s.io/apiserver/pkg/registry/rest).
//
// ValidateCreate and ValidateUpdate promise:
//
//   - Kubernetes' words: the same field paths, error types and messages, in
//     the same order, so that kubectl prints familiar errors. Tests compare
//     them with what a real v1.37 apiserver says for the same objects.
//   - All problems at once, never only the first.
//   - They read their arguments and change nothing. Call them after
//     defaulting (package defaulting), as the apiserver does: they insist on
//     fields, like restartPolicy, that defaulting fills in; and call
//     ValidateCreate after a generateName has become a name, since the
//     name is what gets checked.
//   - On update, an empty uid, creationTimestamp, deletionTimestamp or
//     deletionGracePeriodSeconds counts as unchanged: Kubernetes copies them
//     from the stored object before validating (rest.BeforeUpdate).
//   - Unknown types pass; a known kind compared with a stored object of
//     another kind is an internal error.
package validation
