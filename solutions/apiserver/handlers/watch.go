// This file teaches the watch stream on the wire. The response never ends
// on its own: it is a chunked HTTP body of watch events, one JSON object a
// line ({"type":"ADDED","object":{...}}), flushed as each happens, until
// the client hangs up or timeoutSeconds pass. client-go then watches again
// from the last resourceVersion it saw. It mirrors serveWatch and
// WatchServer in k8s.io/apiserver/pkg/endpoints/handlers/watch.go.

package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubeling/kubeling/solutions/apiserver/registry"
)

func (a *API) watch(w http.ResponseWriter, r *http.Request, s *scope) {
	out, err := negotiate(r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	var opts metav1.ListOptions
	if err := queryOptions(r, &opts); err != nil {
		WriteError(w, r, err)
		return
	}
	if err := validateWatchOptions(&opts); err != nil {
		WriteError(w, r, err)
		return
	}
	if s.name != "" {
		// GET .../pods/web?watch=true watches one object: Kubernetes reads
		// it as fieldSelector=metadata.name=web.
		byName := "metadata.name=" + s.name
		if opts.FieldSelector != "" {
			byName += "," + opts.FieldSelector
		}
		opts.FieldSelector = byName
	}
	pred, err := s.store.NewPredicate(opts.LabelSelector, opts.FieldSelector)
	if err != nil {
		WriteError(w, r, err)
		return
	}

	timeout := a.config.MaxWatchTimeout/2 + rand.N(a.config.MaxWatchTimeout/2+1) // spread reconnects
	if opts.TimeoutSeconds != nil {
		timeout = time.Duration(*opts.TimeoutSeconds) * time.Second
	}
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
	defer cancel()

	watcher, err := s.store.Watch(ctx, s.namespace, pred, registry.WatchOptions{
		ResourceVersion:   opts.ResourceVersion,
		SendInitialEvents: opts.SendInitialEvents != nil && *opts.SendInitialEvents,
		AllowBookmarks:    opts.AllowWatchBookmarks,
		BookmarkInterval:  a.config.BookmarkInterval,
	})
	if err != nil {
		WriteError(w, r, err)
		return
	}
	defer watcher.Stop()
	a.serveWatch(ctx, w, r, out, watcher)
}

// serveWatch writes the events of watcher to w until it ends.
func (a *API) serveWatch(ctx context.Context, w http.ResponseWriter, r *http.Request, out output, watcher *registry.Watcher) {
	flusher := http.NewResponseController(w)
	w.Header().Set("Content-Type", out.contentType(false))
	w.WriteHeader(http.StatusOK)
	if err := flusher.Flush(); err != nil {
		return // the connection cannot stream: nothing more to do
	}

	// lab:begin watch-stream
	// hint: A client reads a watch as a stream and acts on each event as it arrives, so each one is
	// hint: a line of JSON, written and flushed at once. Each object goes in the form the client
	// hint: negotiated (a stream of Tables sends its column headers once). The stream ends when
	// hint: storage's watch ends, the client goes away or a write fails: a dead connection must not
	// hint: keep the goroutine alive.
	sentHeaders := false
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-watcher.ResultChan():
			if !ok {
				return
			}
			line, err := a.encodeWatchEvent(r, out, ev, sentHeaders)
			if err != nil {
				line, _ = a.encodeWatchEvent(r, output{}, errorEvent(err), true)
			}
			sentHeaders = sentHeaders || ev.Type != watch.Error
			if _, err := w.Write(line); err != nil {
				return
			}
			if err := flusher.Flush(); err != nil {
				return
			}
		}
	}
	// lab:end
}

// encodeWatchEvent returns one line of the stream.
func (a *API) encodeWatchEvent(r *http.Request, out output, ev watch.Event, noHeaders bool) ([]byte, error) {
	obj := ev.Object
	if ev.Type != watch.Error && ev.Type != watch.Bookmark {
		var err error
		if obj, err = a.transform(r, out, obj, noHeaders); err != nil {
			return nil, err
		}
	}
	if status, ok := obj.(*metav1.Status); ok {
		status.Kind, status.APIVersion = "Status", "v1"
	}
	raw, err := json.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("encoding a watch event: %w", err)
	}
	line, err := json.Marshal(metav1.WatchEvent{Type: string(ev.Type), Object: runtime.RawExtension{Raw: raw}})
	if err != nil {
		return nil, fmt.Errorf("encoding a watch event: %w", err)
	}
	return append(line, '\n'), nil
}

func errorEvent(err error) watch.Event {
	status := apierrors.NewInternalError(err).Status()
	return watch.Event{Type: watch.Error, Object: &status}
}

// validateWatchOptions refuses the combinations Kubernetes refuses for the
// watch-list ("sendInitialEvents") protocol.
func validateWatchOptions(opts *metav1.ListOptions) error {
	sendInitial := opts.SendInitialEvents != nil && *opts.SendInitialEvents
	switch {
	case opts.SendInitialEvents != nil && opts.ResourceVersionMatch != metav1.ResourceVersionMatchNotOlderThan:
		return apierrors.NewBadRequest("sendInitialEvents requires setting resourceVersionMatch to NotOlderThan")
	case opts.SendInitialEvents == nil && opts.ResourceVersionMatch != "":
		return apierrors.NewBadRequest("resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided")
	case sendInitial && !opts.AllowWatchBookmarks:
		return apierrors.NewBadRequest("sendInitialEvents requires setting allowWatchBookmarks to true")
	case opts.TimeoutSeconds != nil && *opts.TimeoutSeconds < 0:
		return apierrors.NewBadRequest("timeoutSeconds must not be negative")
	}
	return nil
}
