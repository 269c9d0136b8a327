// This file teaches slow start: when a ReplicaSet needs 500 pods, the
// controller does not send 500 creates at once. It sends 1, then 2, then
// 4, 8, ... doubling while every create of a batch succeeds, and stops at
// the first batch with a failure. A template that the apiserver refuses
// (a quota, an invalid field, a namespace being deleted) then costs one
// failed request, not 500, before the key backs off. It mirrors
// slowStartBatch in Kubernetes' pkg/controller/replicaset.

package replicaset

import (
	"sync"
)

// SlowStartInitialBatchSize is the size of the first batch, as in
// Kubernetes.
const SlowStartInitialBatchSize = 1

// slowStartBatch calls fn count times, in batches of initialBatchSize,
// then twice that, and so on; the calls of one batch run concurrently. It
// returns how many calls succeeded and the first error of the batch that
// stopped it, after which no further batch starts.
func slowStartBatch(count, initialBatchSize int, fn func() error) (int, error) {
	// lab:begin slow-start-batch
	// hint: batches of initialBatchSize, then double the last, never more than what remains, until count calls are made
	// hint: the calls of one batch run at the same time (sync.WaitGroup's Go); wait for the whole batch before deciding on the next
	// hint: count every success, including those of the batch that failed: the caller stops expecting the creates that did not happen
	// hint: after a batch with a failure start no other batch, and return one of its errors
	remaining := count
	successes := 0
	for batchSize := min(remaining, initialBatchSize); batchSize > 0; batchSize = min(2*batchSize, remaining) {
		errs := make(chan error, batchSize)
		var wg sync.WaitGroup
		for range batchSize {
			wg.Go(func() {
				if err := fn(); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		successes += batchSize - len(errs)
		if err, failed := <-errs; failed {
			return successes, err
		}
		remaining -= batchSize
	}
	return successes, nil
	// lab:end
}
