// Package storage is the teaching cluster's storage layer: the one place that
// knows how objects are kept. Only the apiserver uses it; every other
// component reads and writes the cluster through the apiserver.
//
// It mirrors k8s.io/apiserver/pkg/storage, cut down to what a learner can hold
// in their head. Values are plain bytes here: giving them meaning (decoding,
// setting metadata.resourceVersion) is the apiserver's job in chapter 02.
//
// Every implementation of Interface promises:
//
//   - Versioned: every write gets a resourceVersion, a number that only grows
//     across the whole store (etcd's revision). Reads report the version of
//     what they return.
//   - Optimistic: an update or delete that names an expected resourceVersion
//     succeeds only if the stored value still has it; otherwise it fails with
//     a Conflict and changes nothing. Nobody takes a lock.
//   - Ordered watch: a watch from resourceVersion R delivers every change made
//     after R, each exactly once, in the order they were made. A watch from a
//     version the store has compacted away fails with ResourceVersionTooOld,
//     which the apiserver turns into 410 Gone so that the client relists.
//
// Keys follow Kubernetes: /registry/<resource>/<namespace>/<name> for
// namespaced objects and /registry/<resource>/<name> for cluster-scoped ones.
package storage
