// Package etcd3 keeps the teaching cluster's state in etcd, as real
// Kubernetes does. It implements storage.Interface on etcd's v3 client:
//
//   - a resourceVersion is an etcd revision (a key's ModRevision);
//   - Create and Update are single transactions that compare a revision
//     before writing, so that two writers can never both win;
//   - Watch is etcd's own watch, started one revision after the caller's
//     resourceVersion, so no change is missed or seen twice.
//
// The same Store talks to an embedded etcd (see embedded.go, the default for
// one machine) or to external etcd endpoints (a cluster that spans machines).
package etcd3
