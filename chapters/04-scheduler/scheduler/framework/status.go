// This file teaches how a plugin answers: a code and the reasons a person
// will read ("Insufficient cpu"). It mirrors framework.Status in
// kube-scheduler, whose reasons become the FailedScheduling event's text.

package framework

import (
	"errors"
	"strings"
)

// Code is the outcome of a plugin.
type Code int

const (
	// Success: the node passes (a nil *Status means Success too).
	Success Code = iota
	// Unschedulable: the pod does not fit now, but could once something
	// changes on the node (other pods leave, ports are freed).
	Unschedulable
	// UnschedulableAndUnresolvable: removing pods from the node would not
	// help (a taint, a label, a cordon, a request bigger than the whole
	// node). Preemption skips such nodes, and the event says so.
	UnschedulableAndUnresolvable
	// Error: the plugin itself failed; the pod is retried with backoff.
	Error
)

// Status is a plugin's answer. The nil *Status is Success, so plugins
// return nil when a node passes.
type Status struct {
	code    Code
	reasons []string
	err     error
}

// NewStatus returns a status with code and human-readable reasons.
func NewStatus(code Code, reasons ...string) *Status {
	return &Status{code: code, reasons: reasons}
}

// AsStatus wraps an error as an Error status.
func AsStatus(err error) *Status {
	return &Status{code: Error, reasons: []string{err.Error()}, err: err}
}

// Code returns the status code; Success for nil.
func (s *Status) Code() Code {
	if s == nil {
		return Success
	}
	return s.code
}

// IsSuccess reports whether the node passes.
func (s *Status) IsSuccess() bool { return s.Code() == Success }

// Reasons are the reasons, one per failed check ("Insufficient cpu",
// "Insufficient memory").
func (s *Status) Reasons() []string {
	if s == nil {
		return nil
	}
	return s.reasons
}

// Message joins the reasons with ", ".
func (s *Status) Message() string { return strings.Join(s.Reasons(), ", ") }

// AsError returns nil for Success, else an error carrying the message.
func (s *Status) AsError() error {
	if s.IsSuccess() {
		return nil
	}
	if s.err != nil {
		return s.err
	}
	return errors.New(s.Message())
}
