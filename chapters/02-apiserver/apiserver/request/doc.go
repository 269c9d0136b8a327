// Package request holds what the apiserver knows about one HTTP request
// before any handler runs: the RequestInfo parsed from its URL and the user
// who sent it, carried in the request's context.
//
//   - NewRequestInfo never fails: a path it does not understand is a
//     non-resource request, answered (or refused) by the mux.
//   - The values in the context are set once, by the filters, and only read
//     afterwards.
package request
