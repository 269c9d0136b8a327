// Package cache keeps a local, always-catching-up copy of the cluster for
// the components that read it: controllers, the scheduler, the kubelet and
// the proxy. It mirrors k8s.io/client-go/tools/cache.
//
// The pipeline, one file each:
//
//	apiserver ─list+watch─▶ Reflector ─▶ DeltaFIFO ─▶ SharedIndexInformer ─▶ Indexer (the cache)
//	                                                                      └─▶ event handlers ─▶ work queue
//
// An informer promises:
//
//   - Complete: after HasSynced, the cache holds every object the apiserver
//     listed, and from then on every change the watch reports.
//   - Nothing lost, nothing twice: a broken watch is resumed from the last
//     resourceVersion seen, so each change is applied exactly once. Only when
//     the apiserver answers 410 Gone (that version was compacted away) does
//     the reflector list again; objects that vanished meanwhile reach the
//     handlers as deletes carrying DeletedFinalStateUnknown.
//   - Ordered per object: a handler sees the changes of one object in the
//     order the apiserver made them. Changes of different objects may
//     interleave.
//   - The cache leads the handlers: when a handler is called, the cache
//     already holds the state it is told about, or a newer one.
//   - One watch per type: many handlers share one reflector. A slow handler
//     delays only itself (each has its own buffer and goroutine).
//   - Shared objects: what the cache and handlers hand out is shared by
//     everyone. Never modify it; DeepCopy first.
//   - Backs off: list and watch failures are retried with exponential
//     backoff, on an injected clock.
package cache
