package filters_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/filters"
	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/request"
)

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) lines(t *testing.T) []filters.AuditEvent {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []filters.AuditEvent
	for _, line := range strings.Split(strings.TrimSpace(b.buf.String()), "\n") {
		if line == "" {
			continue
		}
		var ev filters.AuditEvent
		require.NoError(t, json.Unmarshal([]byte(line), &ev), line)
		out = append(out, ev)
	}
	return out
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func serve(t *testing.T, h http.Handler, method, url, body string) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	r := httptest.NewRequest(method, url, strings.NewReader(body))
	r.Header.Set("User-Agent", "kube-scheduler/v1.37.2")
	h.ServeHTTP(w, r)
	return w
}

func statusOf(t *testing.T, w *httptest.ResponseRecorder) metav1.Status {
	t.Helper()
	var s metav1.Status
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &s), w.Body.String())
	assert.Equal(t, "Status", s.Kind)
	assert.Equal(t, int32(w.Code), s.Code)
	return s
}

func TestPanicIsA500AndTheServerGoesOn(t *testing.T) {
	calls := 0
	h := filters.BuildHandlerChain(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		if calls == 1 {
			panic("boom")
		}
		w.WriteHeader(http.StatusNoContent)
	}), filters.ChainConfig{Log: quiet()})

	w := serve(t, h, "GET", "/api/v1/pods", "")
	assert.Equal(t, 500, w.Code)
	assert.Equal(t, metav1.StatusReasonInternalError, statusOf(t, w).Reason)
	assert.Equal(t, 204, serve(t, h, "GET", "/api/v1/pods", "").Code)
}

// TestSlowRequestsTimeOutButWatchesDoNot runs in a synctest bubble: its
// clock is fake, so "the watch was not cut at 50ms" is decided by the
// handler's own 300ms timer, however loaded the machine is.
func TestSlowRequestsTimeOutButWatchesDoNot(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		handlerSawCancel := make(chan bool, 1)
		slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
				handlerSawCancel <- true
			case <-time.After(300 * time.Millisecond):
				handlerSawCancel <- false
				w.WriteHeader(http.StatusOK)
			}
		})
		h := filters.BuildHandlerChain(slow, filters.ChainConfig{RequestTimeout: 50 * time.Millisecond, Log: quiet()})

		w := serve(t, h, "GET", "/api/v1/pods", "")
		assert.Equal(t, 504, w.Code)
		assert.Equal(t, metav1.StatusReasonTimeout, statusOf(t, w).Reason)
		assert.True(t, <-handlerSawCancel, "the handler's context is cancelled at the deadline")

		w = serve(t, h, "GET", "/api/v1/pods?watch=true", "")
		assert.Equal(t, 200, w.Code, "a watch lasts as long as it likes")
		assert.False(t, <-handlerSawCancel)

		// A client may ask for less time, never more.
		h = filters.BuildHandlerChain(slow, filters.ChainConfig{RequestTimeout: time.Minute, Log: quiet()})
		assert.Equal(t, 504, serve(t, h, "GET", "/api/v1/pods?timeout=20ms", "").Code)
		<-handlerSawCancel

		// A timeout that is not a duration is refused, as Kubernetes refuses it,
		// before the handler runs.
		w = serve(t, h, "GET", "/api/v1/pods?timeout=abc", "")
		assert.Equal(t, 400, w.Code)
		s := statusOf(t, w)
		assert.Equal(t, metav1.StatusReasonBadRequest, s.Reason)
		assert.Equal(t, `invalid timeout specified in the request URL - time: invalid duration "abc"`, s.Message)
		assert.Empty(t, handlerSawCancel)
	})
}

// A handler the deadline overtakes may still be setting headers: the
// timeout's answer must neither share a header map with it (a concurrent
// map write kills the process, past any recovery) nor carry its headers.
// Run with -race.
func TestTimeoutWhileTheHandlerWritesHeaders(t *testing.T) {
	stop, stopped := make(chan struct{}), make(chan struct{})
	busy := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer close(stopped)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
				w.Header().Set("X-Progress", strconv.Itoa(i))
			}
		}
	})
	h := filters.BuildHandlerChain(busy, filters.ChainConfig{RequestTimeout: 20 * time.Millisecond, Log: quiet()})

	w := serve(t, h, "GET", "/api/v1/pods", "")
	assert.Equal(t, 504, w.Code)
	assert.Equal(t, metav1.StatusReasonTimeout, statusOf(t, w).Reason)
	assert.Empty(t, w.Header().Get("X-Progress"), "the timeout answer does not carry the handler's headers")
	close(stop)
	<-stopped
}

func TestBodiesOverTheLimitAre413(t *testing.T) {
	var readErr error
	h := filters.BuildHandlerChain(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, readErr = io.ReadAll(r.Body)
		w.WriteHeader(http.StatusOK)
	}), filters.ChainConfig{MaxRequestBodyBytes: 10, Log: quiet()})

	w := serve(t, h, "POST", "/api/v1/namespaces/default/configmaps", strings.Repeat("x", 11))
	assert.Equal(t, 413, w.Code)
	assert.Equal(t, metav1.StatusReasonRequestEntityTooLarge, statusOf(t, w).Reason)

	// Without a Content-Length the limit bites while reading.
	r := httptest.NewRequest("POST", "/api/v1/namespaces/default/configmaps", io.NopCloser(strings.NewReader(strings.Repeat("x", 11))))
	r.ContentLength = -1
	h.ServeHTTP(httptest.NewRecorder(), r)
	var tooLarge *http.MaxBytesError
	assert.True(t, errors.As(readErr, &tooLarge))

	assert.Equal(t, 200, serve(t, h, "POST", "/api/v1/namespaces/default/configmaps", "small").Code)
}

func TestAuditLogRecordsEveryRequest(t *testing.T) {
	var audit syncBuffer
	h := filters.BuildHandlerChain(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == "POST" {
			w.WriteHeader(http.StatusCreated)
			return
		}
		w.WriteHeader(http.StatusOK)
		http.NewResponseController(w).Flush() // a watch streams through the audit filter
	}), filters.ChainConfig{AuditLog: &audit, Log: quiet()})

	serve(t, h, "POST", "/api/v1/namespaces/default/pods/web/binding", "{}")
	serve(t, h, "GET", "/apis/apps/v1/namespaces/default/deployments?watch=true", "")
	serve(t, h, "GET", "/healthz", "")

	lines := audit.lines(t)
	require.Len(t, lines, 4)
	bind := lines[0]
	assert.Equal(t, "audit.k8s.io/v1", bind.APIVersion)
	assert.Equal(t, "create", bind.Verb)
	assert.Equal(t, "kube-scheduler/v1.37.2", bind.UserAgent)
	assert.Equal(t, "system:anonymous", bind.User.Username)
	assert.Equal(t, &filters.AuditObjectRef{Resource: "pods", Namespace: "default", Name: "web", APIVersion: "v1", Subresource: "binding"}, bind.ObjectRef)
	assert.Equal(t, 201, bind.ResponseStatus.Code)
	assert.Equal(t, filters.StageResponseComplete, bind.Stage)

	// A watch gets a line when it starts and one when it ends.
	assert.Equal(t, "watch", lines[1].Verb)
	assert.Equal(t, filters.StageResponseStarted, lines[1].Stage)
	assert.Equal(t, filters.StageResponseComplete, lines[2].Stage)
	assert.Equal(t, lines[1].AuditID, lines[2].AuditID)
	assert.Equal(t, "apps", lines[2].ObjectRef.APIGroup)

	assert.Equal(t, "/healthz", lines[3].RequestURI)
	assert.Nil(t, lines[3].ObjectRef)
}

type denyAll struct{}

func (denyAll) Authorize(context.Context, filters.Attributes) (bool, string, error) {
	return false, "no RBAC rule allows it", nil
}

type nobody struct{}

func (nobody) Authenticate(*http.Request) (request.UserInfo, bool, error) {
	return request.UserInfo{}, false, nil
}

func TestAuthenticationAndAuthorizationRefusalsAreAudited(t *testing.T) {
	var audit syncBuffer
	reached := false
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached = true })

	h := filters.BuildHandlerChain(next, filters.ChainConfig{AuditLog: &audit, Authorizer: denyAll{}, Log: quiet()})
	w := serve(t, h, "DELETE", "/api/v1/namespaces/kube-system/pods/etcd", "")
	assert.Equal(t, 403, w.Code)
	s := statusOf(t, w)
	assert.Equal(t, metav1.StatusReasonForbidden, s.Reason)
	assert.Contains(t, s.Message, `User "system:anonymous" cannot delete: no RBAC rule allows it`)

	h = filters.BuildHandlerChain(next, filters.ChainConfig{AuditLog: &audit, Authenticator: nobody{}, Log: quiet()})
	assert.Equal(t, 401, serve(t, h, "GET", "/api/v1/pods", "").Code)

	assert.False(t, reached)
	lines := audit.lines(t)
	require.Len(t, lines, 2)
	assert.Equal(t, 403, lines[0].ResponseStatus.Code)
	assert.Equal(t, 401, lines[1].ResponseStatus.Code)
}
