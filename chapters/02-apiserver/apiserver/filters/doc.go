// Package filters is the apiserver's handler chain: small http.Handler
// wrappers that every request passes through, in this order, before a
// REST handler sees it:
//
//	panic recovery → request info → timeout → body size limit → audit →
//	authentication → authorization → the REST handlers
//
// It mirrors k8s.io/apiserver/pkg/server/filters and
// k8s.io/apiserver/pkg/endpoints/filters. Each filter promises:
//
//   - one concern per filter, in one file;
//   - a filter that refuses a request answers with a metav1.Status and
//     does not call the next handler;
//   - no filter buffers a response: a watch streams through every filter
//     it passes (the recorder that the recovery and audit filters wrap it
//     in lets Flush through with Unwrap; the timeout filter's writer,
//     which has no Unwrap and cannot flush, is skipped by watches).
package filters
