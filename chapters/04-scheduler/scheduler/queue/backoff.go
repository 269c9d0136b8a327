// This file teaches how long a failed pod waits before its next attempt:
// 1s after the first failure, doubling each time, at most 10s. Short enough
// that a pod whose bind failed by chance is retried at once, long enough
// that a thousand pods that fit nowhere do not keep a core busy. It mirrors
// calculateBackoffDuration in kube-scheduler (podInitialBackoffDuration
// 1s, podMaxBackoffDuration 10s).

package queue

import "time"

// kube-scheduler's defaults (its --pod-initial-backoff-seconds and
// --pod-max-backoff-seconds).
const (
	InitialBackoff = 1 * time.Second
	MaxBackoff     = 10 * time.Second
)

// backoffDuration is the wait after attempts failed attempts (attempts >= 1).
func backoffDuration(attempts int) time.Duration {
	// TODO(chapter 4): write backoff-duration.
	// Hint: the first failure waits InitialBackoff; each further failure doubles the wait
	// Hint: never more than MaxBackoff, and stop doubling once there (doubling forever overflows time.Duration after about 30 attempts)
	panic("TODO(chapter 4): backoff-duration is not written yet (see chapters/04-scheduler/README.md)")
}
