// This file teaches content negotiation: a client lists in its Accept
// header the forms it can read, and the server answers in the first one it
// can produce. kubectl asks for "a Table, else JSON"; client-go asks for
// "protobuf, else JSON"; a garbage collector may ask for metadata only. It
// mirrors k8s.io/apiserver/pkg/endpoints/handlers/negotiation.

package handlers

import (
	"fmt"
	"mime"
	"net/http"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// outputKind is what the response body holds.
type outputKind int

const (
	asObject          outputKind = iota // the object or list itself
	asTable                             // a meta.k8s.io/v1 Table
	asPartialMetadata                   // PartialObjectMetadata(List): only metadata
)

// output is the negotiated form of a response.
type output struct {
	kind outputKind
	yaml bool // YAML rather than JSON (only for asObject)
}

// Media types of the responses.
const (
	mediaJSON          = "application/json"
	mediaYAML          = "application/yaml"
	mediaTableJSON     = "application/json;as=Table;v=v1;g=meta.k8s.io"
	mediaPartialJSON   = "application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io"
	mediaPartialListJS = "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io"
)

// contentType returns the Content-Type of a response in this form.
func (o output) contentType(isList bool) string {
	switch {
	case o.kind == asTable:
		return mediaTableJSON
	case o.kind == asPartialMetadata && isList:
		return mediaPartialListJS
	case o.kind == asPartialMetadata:
		return mediaPartialJSON
	case o.yaml:
		return mediaYAML
	}
	return mediaJSON
}

// negotiate picks the response form from the Accept header: the first
// clause the server can produce wins (clients list their preference first).
// No header, or */*, means JSON. 406 Not Acceptable when nothing fits.
func negotiate(r *http.Request) (output, error) {
	accept := r.Header.Get("Accept")
	if strings.TrimSpace(accept) == "" {
		return output{}, nil
	}
	for _, clause := range strings.Split(accept, ",") {
		mediaType, params, err := mime.ParseMediaType(strings.TrimSpace(clause))
		if err != nil {
			continue
		}
		switch mediaType {
		case "application/json", "application/*", "*/*":
		case "application/yaml":
			if params["as"] == "" {
				return output{yaml: true}, nil
			}
			continue
		default:
			continue // protobuf, CBOR: this server answers in JSON only
		}
		switch as := params["as"]; {
		case as == "":
			return output{}, nil
		case params["g"] != metav1.GroupName || (params["v"] != "v1" && params["v"] != "v1beta1"):
			continue
		case as == "Table":
			return output{kind: asTable}, nil
		case as == "PartialObjectMetadata" || as == "PartialObjectMetadataList":
			return output{kind: asPartialMetadata}, nil
		}
	}
	return output{}, notAcceptable(accept)
}

func notAcceptable(accept string) error {
	return &apierrors.StatusError{ErrStatus: metav1.Status{
		Status:  metav1.StatusFailure,
		Code:    http.StatusNotAcceptable,
		Reason:  "NotAcceptable",
		Message: fmt.Sprintf("only the following media types are accepted: application/json, application/yaml (asked for %q)", accept),
	}}
}
