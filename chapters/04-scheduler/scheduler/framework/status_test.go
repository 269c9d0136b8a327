package framework

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The nil *Status is Success, so a plugin says "this node passes" by
// returning nil, and callers can ask a nil status its code and reasons.
func TestNilStatusIsSuccess(t *testing.T) {
	var s *Status
	assert.True(t, s.IsSuccess())
	assert.Equal(t, Success, s.Code())
	assert.Empty(t, s.Reasons())
	assert.NoError(t, s.AsError())
}

// A failed status carries its code and every reason; its message (and
// error) joins the reasons with ", ".
func TestStatusReasonsAndMessage(t *testing.T) {
	s := NewStatus(Unschedulable, "Insufficient cpu", "Insufficient memory")
	assert.False(t, s.IsSuccess())
	assert.Equal(t, Unschedulable, s.Code())
	assert.Equal(t, []string{"Insufficient cpu", "Insufficient memory"}, s.Reasons())
	assert.EqualError(t, s.AsError(), "Insufficient cpu, Insufficient memory")
}

// AsStatus keeps the error itself, so callers can still errors.Is it.
func TestAsStatusKeepsTheError(t *testing.T) {
	cause := errors.New("snapshot is gone")
	s := AsStatus(cause)
	assert.Equal(t, Error, s.Code())
	assert.ErrorIs(t, s.AsError(), cause)
	assert.Equal(t, "snapshot is gone", s.Message())
}
