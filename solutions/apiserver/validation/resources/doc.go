// Package resources validates the kinds whose rules the chapter 02 lesson
// does not teach: pods and their containers and volumes, services and
// endpoints, namespaces, nodes, config maps, secrets, events and leases,
// plus the metadata rules every object follows and the parts of a
// workload that are not its selector (the pod template, the update
// strategy). Package validation, which the learner reads, keeps the
// Deployment and ReplicaSet rules and calls this package for the rest.
// It is reference code, not part of the chapter's starter.
//
// It mirrors the validation of Kubernetes v1.37 for those kinds:
// pkg/apis/core/validation/validation.go and events.go,
// pkg/apis/coordination/validation, and the common checks in
// staging/src/k8s.io/apiserver/pkg/registry/rest. It makes the promises
// of package validation: Kubernetes' words (field paths, error types and
// messages, in order), every problem at once, arguments never changed,
// and on update an empty uid, creationTimestamp, deletionTimestamp or
// deletionGracePeriodSeconds counts as unchanged.
package resources
