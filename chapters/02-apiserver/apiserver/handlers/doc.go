// Package handlers is the apiserver's REST layer: it turns an HTTP request
// already parsed into a RequestInfo into a call on a registry.Store, and
// the result into an HTTP response. It mirrors
// k8s.io/apiserver/pkg/endpoints/handlers.
//
// It promises:
//
//   - Request bodies are read in JSON, YAML or protobuf (kubectl sends
//     protobuf when it creates a Deployment), with unknown and duplicate
//     fields handled as the fieldValidation parameter asks.
//   - Responses are JSON (or YAML when asked), or a meta.k8s.io/v1 Table or
//     PartialObjectMetadata when the Accept header asks for one.
//   - Every failure is answered with a metav1.Status whose reason and code
//     are Kubernetes' own; nothing is answered with a bare string.
//   - A watch is a chunked stream of newline-separated watch events that
//     ends when the client goes, timeoutSeconds pass, or storage fails.
package handlers
