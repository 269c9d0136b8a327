// Package apiserver assembles the teaching cluster's apiserver: the REST
// handlers over one registry.Store per served resource, discovery, OpenAPI,
// /version and health checks, all behind the handler chain of package
// filters. It is the only component that talks to storage; the real kubectl,
// client-go and every later chapter's component talk to it over HTTP.
//
// A Server promises:
//
//   - every resource of registry.Catalogue and of package
//     registry/resources' Catalogue is served with the verbs,
//     subresources and status codes of Kubernetes v1.37;
//   - the namespaces default, kube-system, kube-public and kube-node-lease
//     exist once Bootstrap has run, and so does the Service default/kubernetes
//     (the first address of the service range, port 443);
//   - it keeps no state of its own: stop it and start another on the same
//     storage, and clients see the same cluster.
package apiserver
