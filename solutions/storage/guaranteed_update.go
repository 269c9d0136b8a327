// This file teaches optimistic concurrency from the caller's side: read,
// compute, write with a precondition, and on Conflict read again. It mirrors
// GuaranteedUpdate in k8s.io/apiserver's etcd3 store, which every apiserver
// update goes through.

package storage

import (
	"context"
	"fmt"
)

// UpdateFunc computes a new value from the current one. It may be called
// several times (once per attempt), so it must not have side effects. Return
// an error to give up; GuaranteedUpdate returns it unchanged.
type UpdateFunc func(current KeyValue) ([]byte, error)

// GuaranteedUpdate applies tryUpdate to the value under key until the write
// lands without a Conflict. No update is lost however many goroutines (or
// processes) race on the same key: each loser rereads and recomputes.
func GuaranteedUpdate(ctx context.Context, s Interface, key string, tryUpdate UpdateFunc) (KeyValue, error) {
	// lab:begin guaranteed-update
	// hint: Read, compute the new value, write it naming the version read. A Conflict means someone
	// hint: wrote in between and the computation is stale: read again and recompute, as often as it
	// hint: takes, so that no writer's change is lost. Any other error is final. A caller that gave
	// hint: up (its context is done) must get that error back promptly, not a loop that never ends.
	for {
		if err := ctx.Err(); err != nil {
			return KeyValue{}, fmt.Errorf("updating %s: %w", key, err)
		}
		current, err := s.Get(ctx, key)
		if err != nil {
			return KeyValue{}, err
		}
		value, err := tryUpdate(current)
		if err != nil {
			return KeyValue{}, err
		}
		rv, err := s.Update(ctx, key, value, current.ResourceVersion)
		if IsConflict(err) {
			continue // someone wrote in between: read their value and recompute
		}
		if err != nil {
			return KeyValue{}, err
		}
		return KeyValue{Key: key, Value: value, ResourceVersion: rv}, nil
	}
	// lab:end
}
