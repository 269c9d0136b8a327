// Package resources fills in the defaults the chapter 02 lesson does not
// teach: most of a pod's (everything but its pod-wide policies and pull
// policies, which package defaulting sets), and those of services,
// endpoints, namespaces, nodes, secrets, config maps and leases. It makes
// the promises of package defaulting (only empty fields are filled, with
// Kubernetes' two exceptions; idempotent) and is reference code, not part
// of the chapter's starter.
package resources
