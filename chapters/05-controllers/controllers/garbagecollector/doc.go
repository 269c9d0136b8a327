// Package garbagecollector is the controller manager's garbage collector:
// it deletes the objects whose owners are gone (the pods of a deleted
// ReplicaSet), and carries out the "orphan" and "foregroundDeletion"
// finalizers that a DELETE's propagationPolicy leaves on an owner. It
// mirrors pkg/controller/garbagecollector in Kubernetes v1.37, cut down to
// its core: no virtual nodes, no absent-owner cache, no cycle breaking.
//
// A GarbageCollector promises:
//
//   - It sees everything: one metadata-only informer per resource that
//     discovery lists with the verbs list, watch and delete (events
//     excepted, as in Kubernetes), rediscovered every 30 s, so the
//     dependents of a new kind are collected too.
//   - It never deletes on the word of its cache: an owner is absent only
//     when a live GET answers 404 or names another uid (an owner deleted and
//     recreated under the same name does not protect its old dependents).
//     A dependent missing an owner in the graph, but whose owner the API
//     still has, is left alone.
//   - A dependent with an owner left keeps it: only the references to the
//     absent owners are removed, by a patch that names the resourceVersion
//     it read (409 means read again).
//   - Background: a dependent all of whose owners are gone is deleted, with
//     its uid as a precondition, in the background (or as its own
//     finalizers ask).
//   - Orphan: an owner marked "orphan" loses its references from every
//     dependent, and then the finalizer, so it goes and they stay.
//   - Foreground: an owner marked "foregroundDeletion" keeps it while any
//     dependent with blockOwnerDeletion remains; those are deleted first.
//   - Every failure is retried with the work queue's backoff: a worker
//     that returns an error requeues its item.
//
// Status: unit-tested with the fake metadata client under testing/synctest,
// and run by `kubeling controller-manager` as "garbagecollector".
package garbagecollector
