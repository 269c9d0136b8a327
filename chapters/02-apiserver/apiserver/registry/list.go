// This file teaches list semantics: selectors filter what storage returns,
// limit and continue cut a long list into pages that all come from one
// snapshot, and the list's resourceVersion is the point a client can watch
// from without missing anything. It mirrors Store.List and the etcd3
// store's GetList in k8s.io/apiserver.

package registry

import (
	"context"
	"fmt"
	"strconv"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubeling/kubeling/solutions/storage"
)

// ListOptions are the paging and consistency parameters of a list.
type ListOptions struct {
	// Limit caps the number of items; 0 means all.
	Limit int64
	// Continue is the token of the previous page.
	Continue string
	// ResourceVersion and ResourceVersionMatch: with match "Exact" the list
	// is read as it was at that version (410 Gone if compacted); otherwise
	// the newest data is served, which satisfies "0", "" and "NotOlderThan".
	ResourceVersion      string
	ResourceVersionMatch metav1.ResourceVersionMatch
}

// List returns the objects of namespace ("" for all) that pred selects, as
// the resource's list type.
func (s *Store) List(ctx context.Context, namespace string, pred Predicate, opts ListOptions) (runtime.Object, error) {
	prefix := s.listPrefix(namespace)
	token := opts.Continue
	if token == "" && opts.ResourceVersionMatch == metav1.ResourceVersionMatchExact {
		rv, err := strconv.ParseInt(opts.ResourceVersion, 10, 64)
		if err != nil || rv <= 0 {
			return nil, apierrors.NewBadRequest(fmt.Sprintf("invalid resourceVersion %q for an exact list", opts.ResourceVersion))
		}
		token = snapshotToken(prefix, rv)
	}

	var items []runtime.Object
	var listRV int64
	next := ""
pages:
	for {
		page, err := s.storage.List(ctx, prefix, storage.ListOptions{Limit: opts.Limit, Continue: token})
		if err != nil {
			return nil, s.listError(err, prefix, token, opts.Continue != "")
		}
		listRV = page.ResourceVersion
		for i, kv := range page.Items {
			obj, err := s.decode(kv.Value, kv.ResourceVersion)
			if err != nil {
				return nil, apierrors.NewInternalError(err)
			}
			ok, err := pred.Matches(obj)
			if err != nil {
				return nil, apierrors.NewInternalError(err)
			}
			if !ok {
				continue
			}
			items = append(items, obj)
			if opts.Limit > 0 && int64(len(items)) == opts.Limit {
				if i < len(page.Items)-1 || page.Continue != "" {
					next = storage.EncodeContinue(kv.Key, listRV)
				}
				break pages
			}
		}
		if page.Continue == "" {
			break
		}
		token = page.Continue // the page was filtered short: read on
	}

	list := s.resource.NewList()
	if err := meta.SetList(list, items); err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	listMeta, err := meta.ListAccessor(list)
	if err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	listMeta.SetResourceVersion(strconv.FormatInt(listRV, 10))
	listMeta.SetContinue(next)
	list.GetObjectKind().SetGroupVersionKind(s.resource.GroupVersion.WithKind(s.resource.Kind + "List"))
	return list, nil
}

// Kubernetes' words for a list whose revision was compacted away (etcd3's
// interpretListError in k8s.io/apiserver).
const (
	listTooOld     = "The resourceVersion for the provided list is too old."
	continueTooOld = "The provided continue parameter is too old to display a consistent list result. " +
		"You can start a new list without the continue parameter, or use the continue token in this " +
		"response to retrieve the remainder of the results. Continuing with the provided token results " +
		"in an inconsistent list - objects that were created, modified, or deleted between the time " +
		"the first chunk was returned and now may show up in the list."
)

// listError is the Status of a failed page. A list read at a compacted
// revision is 410 Expired, as every too-old read is; a paged one also
// offers, in the Status's continue, a token for the rest of the list at the
// current revision, so that a client may finish what it started.
func (s *Store) listError(err error, prefix, token string, paging bool) error {
	if !storage.IsTooOld(err) {
		return StorageError(err, s.resource.GroupResource(), "")
	}
	if !paging {
		return apierrors.NewResourceExpired(listTooOld)
	}
	expired := apierrors.NewResourceExpired(continueTooOld)
	if next, err := storage.ResumeAtLatest(token, prefix); err == nil {
		expired.ErrStatus.ListMeta.Continue = next
	}
	return expired
}

// snapshotToken returns a continue token that reads prefix from its first
// key as it was at revision rv. A continue token is exactly "the rest of
// this list, as of revision rv", so one that starts at the beginning is a
// read of the whole list in the past: the storage layer needs no other
// call for it.
func snapshotToken(prefix string, rv int64) string {
	// EncodeContinue starts after the key it is given; nothing sorts between
	// the prefix and prefix+"\x00", and every real key is greater.
	return storage.EncodeContinue(prefix, rv)
}
