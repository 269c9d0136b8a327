// This file teaches the two shapes every apiserver answer takes: an object
// (or list, or Table) with a 2xx code, or a metav1.Status with the code,
// reason and details of a failure. Clients such as client-go decode the
// Status back into the same error type (apierrors.IsNotFound and friends
// work across the wire because of it). It mirrors responsewriters in
// k8s.io/apiserver/pkg/endpoints/handlers.

package handlers

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/yaml"
)

// writeObject writes obj in the negotiated form with the given code.
func writeObject(w http.ResponseWriter, code int, out output, obj runtime.Object) {
	data, err := json.Marshal(obj)
	if err == nil && out.yaml {
		data, err = yaml.JSONToYAML(data)
	}
	if err != nil {
		writeStatus(w, apierrors.NewInternalError(err).Status())
		return
	}
	w.Header().Set("Content-Type", out.contentType(meta.IsListType(obj)))
	w.WriteHeader(code)
	_, _ = w.Write(data)
}

// WriteError answers with the Status of err. An error that is not already
// an API error is a 500 and is logged: it is a bug or an outage, not the
// client's fault.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	var status apierrors.APIStatus
	if !errors.As(err, &status) {
		slog.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
		status = apierrors.NewInternalError(err)
	}
	writeStatus(w, status.Status())
}

// writeStatus writes a Status with its own code.
func writeStatus(w http.ResponseWriter, status metav1.Status) {
	status.Kind, status.APIVersion = "Status", "v1"
	if status.Code == 0 {
		status.Code = http.StatusInternalServerError
	}
	data, _ := json.Marshal(status) // a Status always encodes
	w.Header().Set("Content-Type", mediaJSON)
	w.WriteHeader(int(status.Code))
	_, _ = w.Write(data)
}

// successStatus is the body of an answer that has no object to return
// (a deleted object, a binding).
func successStatus(code int, details *metav1.StatusDetails) *metav1.Status {
	return &metav1.Status{
		TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"},
		Status:   metav1.StatusSuccess,
		Code:     int32(code),
		Details:  details,
	}
}
