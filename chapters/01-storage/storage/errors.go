// This file teaches how the storage layer reports failure: a small set of
// codes that the apiserver maps one-to-one onto HTTP statuses (404, 409, 409,
// 410, 400). It mirrors storage.StorageError in k8s.io/apiserver.

package storage

import (
	"errors"
	"fmt"
)

// ErrorCode names why a storage call failed.
type ErrorCode int

const (
	// KeyNotFound: the key does not exist (HTTP 404 in the apiserver).
	KeyNotFound ErrorCode = iota + 1
	// KeyExists: Create found the key already there (409 AlreadyExists).
	KeyExists
	// Conflict: the stored resourceVersion is not the expected one (409
	// Conflict); the caller must read again and retry.
	Conflict
	// ResourceVersionTooOld: the revision asked for was compacted away (410
	// Gone); a watcher must list again.
	ResourceVersionTooOld
	// InvalidArgument: the request itself is wrong, such as a forged
	// continue token (400 Bad Request).
	InvalidArgument
)

func (c ErrorCode) String() string {
	switch c {
	case KeyNotFound:
		return "key not found"
	case KeyExists:
		return "key exists"
	case Conflict:
		return "conflict"
	case ResourceVersionTooOld:
		return "resource version too old"
	case InvalidArgument:
		return "invalid argument"
	}
	return fmt.Sprintf("storage error %d", int(c))
}

// StorageError is the error every implementation returns for the cases above. Other
// failures (a lost connection, a full disk) are returned wrapped as they are.
type StorageError struct {
	Code ErrorCode
	Key  string
	// ResourceVersion is the version involved: the stored one for Conflict,
	// the requested one for ResourceVersionTooOld.
	ResourceVersion int64
	// CompactedRV is the oldest revision still served, for
	// ResourceVersionTooOld; 0 when the backend does not report it.
	CompactedRV int64
	// Message explains an InvalidArgument.
	Message string
}

func (e *StorageError) Error() string {
	switch e.Code {
	case Conflict:
		return fmt.Sprintf("storage: %s: %q was changed (stored resourceVersion %d)", e.Code, e.Key, e.ResourceVersion)
	case ResourceVersionTooOld:
		if e.CompactedRV == 0 { // the backend did not say how far it compacted
			return fmt.Sprintf("storage: %s: resourceVersion %d was compacted", e.Code, e.ResourceVersion)
		}
		return fmt.Sprintf("storage: %s: resourceVersion %d was compacted (oldest kept is %d)", e.Code, e.ResourceVersion, e.CompactedRV)
	case InvalidArgument:
		return fmt.Sprintf("storage: %s: %s", e.Code, e.Message)
	}
	return fmt.Sprintf("storage: %s: %q", e.Code, e.Key)
}

// NewNotFound, NewKeyExists, NewConflict and NewTooOld build the errors above.
func NewNotFound(key string) error  { return &StorageError{Code: KeyNotFound, Key: key} }
func NewKeyExists(key string) error { return &StorageError{Code: KeyExists, Key: key} }
func NewConflict(key string, storedRV int64) error {
	return &StorageError{Code: Conflict, Key: key, ResourceVersion: storedRV}
}
func NewTooOld(requestedRV, compactedRV int64) error {
	return &StorageError{Code: ResourceVersionTooOld, ResourceVersion: requestedRV, CompactedRV: compactedRV}
}

func hasCode(err error, code ErrorCode) bool {
	var e *StorageError
	return errors.As(err, &e) && e.Code == code
}

// IsNotFound, IsKeyExists, IsConflict and IsTooOld look through wrapping.
func IsNotFound(err error) bool  { return hasCode(err, KeyNotFound) }
func IsKeyExists(err error) bool { return hasCode(err, KeyExists) }
func IsConflict(err error) bool  { return hasCode(err, Conflict) }
func IsTooOld(err error) bool    { return hasCode(err, ResourceVersionTooOld) }
func IsInvalid(err error) bool   { return hasCode(err, InvalidArgument) }
