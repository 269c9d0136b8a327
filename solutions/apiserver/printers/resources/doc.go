// Package resources holds the Table printers of every kind but the pod:
// deployments, replica sets and their scale, services, endpoints, nodes,
// events, namespaces, config maps, secrets and leases, each with the
// columns and cells of Kubernetes v1.37 (pkg/printers/internalversion).
// Package printers, which the learner reads, prints pods itself and asks
// this package for the rest. It is reference code, not part of the
// chapter's starter.
package resources
