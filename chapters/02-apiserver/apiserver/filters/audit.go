// This file teaches the audit log: one JSON line per request, saying who
// (the user agent names the component: kubectl, kube-scheduler, kubelet)
// did what (verb) to which object, and what the answer was. Reading it
// replays how the components of a cluster cooperate through the apiserver:
// kubectl creates a Deployment, the controller-manager watches and creates
// a ReplicaSet and pods, the scheduler binds them, the kubelet reports
// their status. The lines use the field names of Kubernetes' own audit
// events (audit.k8s.io/v1, level Metadata), so the same jq works on both.
// A watch gets two lines, as in Kubernetes: one when its stream starts and
// one when it ends.

package filters

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/uuid"

	"github.com/kubeling/kubeling/chapters/02-apiserver/apiserver/request"
)

// AuditEvent is one line of the audit log.
type AuditEvent struct {
	Kind                     string           `json:"kind"`
	APIVersion               string           `json:"apiVersion"`
	Level                    string           `json:"level"`
	AuditID                  string           `json:"auditID"`
	Stage                    string           `json:"stage"`
	RequestURI               string           `json:"requestURI"`
	Verb                     string           `json:"verb"`
	User                     AuditUser        `json:"user"`
	SourceIPs                []string         `json:"sourceIPs,omitempty"`
	UserAgent                string           `json:"userAgent,omitempty"`
	ObjectRef                *AuditObjectRef  `json:"objectRef,omitempty"`
	ResponseStatus           *AuditStatusCode `json:"responseStatus,omitempty"`
	RequestReceivedTimestamp metav1.MicroTime `json:"requestReceivedTimestamp"`
	StageTimestamp           metav1.MicroTime `json:"stageTimestamp"`
}

// AuditUser is who made the request.
type AuditUser struct {
	Username string   `json:"username,omitempty"`
	Groups   []string `json:"groups,omitempty"`
}

// AuditObjectRef is what the request was about.
type AuditObjectRef struct {
	Resource    string `json:"resource,omitempty"`
	Namespace   string `json:"namespace,omitempty"`
	Name        string `json:"name,omitempty"`
	APIGroup    string `json:"apiGroup,omitempty"`
	APIVersion  string `json:"apiVersion,omitempty"`
	Subresource string `json:"subresource,omitempty"`
}

// AuditStatusCode is the answer's HTTP code.
type AuditStatusCode struct {
	Code int `json:"code"`
}

// The stages at which a line is written.
const (
	StageResponseStarted  = "ResponseStarted"
	StageResponseComplete = "ResponseComplete"
)

// AuditLog writes audit events as JSON lines. It is safe for concurrent
// use: lines of concurrent requests never interleave.
type AuditLog struct {
	mu  sync.Mutex
	out io.Writer
	log *slog.Logger
}

// NewAuditLog returns a log writing to out.
func NewAuditLog(out io.Writer, log *slog.Logger) *AuditLog {
	return &AuditLog{out: out, log: log}
}

func (a *AuditLog) write(ev AuditEvent) {
	line, err := json.Marshal(ev)
	if err != nil {
		a.log.Error("encoding an audit event", "err", err)
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, err := a.out.Write(append(line, '\n')); err != nil {
		a.log.Error("writing the audit log", "err", err)
	}
}

type auditEventKey struct{}

// WithAudit records every request in audit. now is the clock (time.Now in
// production).
func WithAudit(next http.Handler, audit *AuditLog, now func() time.Time) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ev := newAuditEvent(r, now())
		// The authentication filter, inside this one, fills in ev.User.
		r = r.WithContext(context.WithValue(r.Context(), auditEventKey{}, ev))
		rec := &recorder{ResponseWriter: w}
		if ev.Verb == "watch" {
			rec.onHeader = func(code int) {
				started := *ev
				started.Stage = StageResponseStarted
				started.ResponseStatus = &AuditStatusCode{Code: code}
				started.StageTimestamp = metav1.NewMicroTime(now())
				audit.write(started)
			}
		}
		defer func() {
			code := rec.status()
			if code == 0 {
				code = http.StatusOK
			}
			ev.Stage = StageResponseComplete
			ev.ResponseStatus = &AuditStatusCode{Code: code}
			ev.StageTimestamp = metav1.NewMicroTime(now())
			audit.write(*ev)
		}()
		next.ServeHTTP(rec, r)
	})
}

func newAuditEvent(r *http.Request, received time.Time) *AuditEvent {
	ev := &AuditEvent{
		Kind:                     "Event",
		APIVersion:               "audit.k8s.io/v1",
		Level:                    "Metadata",
		AuditID:                  string(uuid.NewUUID()),
		RequestURI:               r.URL.RequestURI(),
		Verb:                     r.Method,
		SourceIPs:                []string{r.RemoteAddr},
		UserAgent:                r.UserAgent(),
		RequestReceivedTimestamp: metav1.NewMicroTime(received),
	}
	if info, ok := request.RequestInfoFrom(r.Context()); ok {
		ev.Verb = info.Verb
		if info.IsResourceRequest {
			ev.ObjectRef = &AuditObjectRef{
				Resource: info.Resource, Namespace: info.Namespace, Name: info.Name,
				APIGroup: info.APIGroup, APIVersion: info.APIVersion, Subresource: info.Subresource,
			}
		}
	}
	return ev
}

// recordUser puts the authenticated user in the request's audit event.
func recordUser(ctx context.Context, u request.UserInfo) {
	if ev, ok := ctx.Value(auditEventKey{}).(*AuditEvent); ok {
		ev.User = AuditUser{Username: u.Name, Groups: u.Groups}
	}
}
