// This file teaches how paged lists stay consistent: the continue token
// carries the revision of the first page, so every later page is read from
// the same snapshot. Kubernetes' tokens carry the same two facts.

package storage

import (
	"encoding/base64"
	"encoding/json"
	"strings"
)

type continueToken struct {
	// Start is the first key of the next page: the last key returned plus
	// "\x00", the smallest string greater than it.
	Start string `json:"start"`
	RV    int64  `json:"rv"`
}

// EncodeContinue returns the token for a page that ended at lastKey and was
// read at revision rv.
func EncodeContinue(lastKey string, rv int64) string {
	data, _ := json.Marshal(continueToken{Start: lastKey + "\x00", RV: rv}) // cannot fail for strings and ints
	return base64.RawURLEncoding.EncodeToString(data)
}

// DecodeContinue returns the key to start the next page at and the revision
// to read it at; a negative revision means "at the current one" (see
// ResumeAtLatest). A token that is malformed or that points outside prefix is
// refused with InvalidArgument: a client must not use a token to read keys
// it did not list. The messages are Kubernetes' own ("invalid continue
// token: continue key is not valid: ..."), which the apiserver sends as a
// 400 Bad Request.
func DecodeContinue(token, prefix string) (start string, rv int64, err error) {
	data, err := base64.RawURLEncoding.DecodeString(token)
	var t continueToken
	if err == nil {
		err = json.Unmarshal(data, &t)
	}
	switch {
	case err != nil:
		return "", 0, invalidToken(prefix, err.Error())
	case t.RV == 0:
		return "", 0, invalidToken(prefix, "incorrect encoded start resourceVersion")
	case !strings.HasPrefix(t.Start, prefix):
		return "", 0, invalidToken(prefix, t.Start)
	}
	return t.Start, t.RV, nil
}

func invalidToken(prefix, why string) error {
	return &StorageError{Code: InvalidArgument, Key: prefix, Message: "invalid continue token: continue key is not valid: " + why}
}

// ResumeAtLatest returns a token for the rest of the list that token
// continues, read at the store's current revision instead of the token's
// own. Kubernetes offers it with the 410 for a token whose revision was
// compacted: the client may finish its list, knowing it is no longer one
// snapshot.
func ResumeAtLatest(token, prefix string) (string, error) {
	start, _, err := DecodeContinue(token, prefix)
	if err != nil {
		return "", err
	}
	data, _ := json.Marshal(continueToken{Start: start, RV: -1}) // cannot fail for strings and ints
	return base64.RawURLEncoding.EncodeToString(data), nil
}
