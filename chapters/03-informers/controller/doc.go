// Package controller is the control loop every controller of the teaching
// cluster runs (the scheduler, ReplicaSet, Deployment, endpoints, the
// kubelet's pod workers): informers in, a queue of keys in the middle,
// workers calling a sync function out. It is the shape of client-go's
// sample-controller, made reusable.
//
// A Controller promises:
//
//   - Level-triggered: handlers only enqueue keys ("default/nginx"); sync
//     reads the current state from the informers' caches and makes the
//     world match it. Ten events for one object before a worker gets to it
//     cost one sync.
//   - One sync per key at a time: however many workers run, a key is never
//     synced by two at once.
//   - Retries with backoff: sync returning an error means "try again
//     later"; the key is requeued with per-key exponential backoff (5ms
//     doubling to 1000s) under an overall rate limit. Returning nil forgets
//     the key's failures. RequeueAfter asks for another look later without
//     counting a failure.
//   - Caches first: workers start only after every watched informer has
//     synced, so sync never acts on a half-filled cache.
//   - Clean stop: when the context is done, workers finish the key they
//     hold and Run returns.
package controller
