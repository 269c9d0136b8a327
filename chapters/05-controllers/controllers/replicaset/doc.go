// Package replicaset is the ReplicaSet controller of the controller
// manager, which also runs ReplicationControllers through a ReplicaSet
// view of them. It keeps, for every ReplicaSet, spec.replicas active pods
// made from its template.
//
// A ReplicaSetController promises:
//
//   - Never more than asked: a sync does not create or delete while its
//     last writes are unobserved by the informer (expectations), for up to
//     5 minutes, so a pod seen late never gets a twin.
//   - Failures cost little: creates go in slow-start batches (1, 2, 4, ...)
//     stopping at the first failure; the failure is an event
//     (FailedCreate), a ReplicaFailure condition and a requeue with backoff.
//   - Ownership is explicit: it acts only on pods whose controller
//     ownerReference names it, adopts matching orphans and releases pods
//     whose labels stop matching; another controller's pods are never
//     touched.
//   - The cheapest pods go first on scale-down, in Kubernetes' order.
//   - Status (replicas, fullyLabeledReplicas, readyReplicas,
//     availableReplicas, observedGeneration) is written through the status
//     subresource, and only when it changed.
//   - It reads only from shared informers and writes only through the
//     apiserver, with its own events as "replicaset-controller" (or
//     "replication-controller").
//
// Tests: the package's own (fake clientset, the course's informers, a
// fake clock or testing/synctest) cover creation from the template with
// SuccessfulCreate events, expectations (no double create before the
// informer sees the pods, the 5-minute timeout), slow-start batches with
// FailedCreate, scale-down order and SuccessfulDelete, adoption and
// release, status through the subresource only when it changed, the
// handlers, the ReplicationController adapter, and whole runs through
// started informers. labs/05-controllers run it as `kubeling
// controller-manager` (tools/kubeling/controllermanager.go), which
// `kubeling up` starts, against the real apiserver.
package replicaset
