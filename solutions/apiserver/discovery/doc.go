// Package discovery serves the documents through which clients learn what
// the apiserver serves: which groups and versions exist, which resources
// each has, their kinds, verbs, short names and categories. kubectl reads
// them to turn "kubectl get deploy" into GET /apis/apps/v1/.../deployments.
// It also serves /version and the health checks.
//
// It promises:
//
//   - Every document is built from the registry's catalogue, so discovery
//     never advertises a resource the router does not serve, or hides one
//     it does.
//   - Both discovery formats are served: the classic one (a request per
//     group version) and the aggregated one (apidiscovery.k8s.io/v2, one
//     request for everything), which kubectl asks for first.
package discovery
