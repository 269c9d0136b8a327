// This file teaches slow start: when a ReplicaSet needs 500 pods, the
// controller does not send 500 creates at once. It sends 1, then 2, then
// 4, 8, ... doubling while every create of a batch succeeds, and stops at
// the first batch with a failure. A template that the apiserver refuses
// (a quota, an invalid field, a namespace being deleted) then costs one
// failed request, not 500, before the key backs off. It mirrors
// slowStartBatch in Kubernetes' pkg/controller/replicaset.

package replicaset

// SlowStartInitialBatchSize is the size of the first batch, as in
// Kubernetes.
const SlowStartInitialBatchSize = 1

// slowStartBatch calls fn count times, in batches of initialBatchSize,
// then twice that, and so on; the calls of one batch run concurrently. It
// returns how many calls succeeded and the first error of the batch that
// stopped it, after which no further batch starts.
func slowStartBatch(count, initialBatchSize int, fn func() error) (int, error) {
	// TODO(chapter 5): write slow-start-batch.
	// Hint: batches of initialBatchSize, then double the last, never more than what remains, until count calls are made
	// Hint: the calls of one batch run at the same time (sync.WaitGroup's Go); wait for the whole batch before deciding on the next
	// Hint: count every success, including those of the batch that failed: the caller stops expecting the creates that did not happen
	// Hint: after a batch with a failure start no other batch, and return one of its errors
	panic("TODO(chapter 5): slow-start-batch is not written yet (see chapters/05-controllers/README.md)")
}
