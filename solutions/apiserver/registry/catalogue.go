// This file teaches which resources the apiserver serves: one list that the
// router, discovery and OpenAPI documents are all built from, so a resource
// added here appears everywhere at once. Each resource's entry sits in one
// file with the rules that differ for it (what Kubernetes calls its
// "strategy") and the fields a field selector may test: namespaces.go,
// pods.go, workloads.go and simple.go. Events and the other API groups are
// package registry/resources', served beside these.

package registry

// Catalogue returns the resources of this package in the order discovery
// lists them.
func Catalogue() []*Resource {
	return []*Resource{
		namespaces(), pods(), nodes(), services(), endpoints(), configMaps(), secrets(),
		replicationControllers(), deployments(), replicaSets(),
		leases(),
	}
}
