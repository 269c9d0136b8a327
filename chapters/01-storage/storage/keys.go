// This file teaches the key layout that real Kubernetes uses in etcd, so that
// `etcdctl get --keys-only --prefix /registry` shows the teaching cluster's
// objects where a Kubernetes engineer expects them.

package storage

import "strings"

// Prefix is the root of every key the cluster stores (the apiserver's
// --etcd-prefix default).
const Prefix = "/registry"

// Key returns the key of one object. An empty namespace means the resource is
// cluster-scoped (nodes, namespaces): /registry/nodes/node-01.
func Key(resource, namespace, name string) string {
	if namespace == "" {
		return Prefix + "/" + resource + "/" + name
	}
	return Prefix + "/" + resource + "/" + namespace + "/" + name
}

// ListPrefix returns the prefix under which List and Watch find every object
// of a resource, in one namespace or (namespace == "") in all of them. It ends
// in "/" so that /registry/pods/default does not also match a namespace
// called default-2.
func ListPrefix(resource, namespace string) string {
	if namespace == "" {
		return Prefix + "/" + resource + "/"
	}
	return Prefix + "/" + resource + "/" + namespace + "/"
}

// HasPrefix reports whether key lies under prefix. Watchers use it to filter.
func HasPrefix(key, prefix string) bool { return strings.HasPrefix(key, prefix) }
