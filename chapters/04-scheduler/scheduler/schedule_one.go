// This file teaches one scheduling cycle: take the next pod, judge every
// node on a fresh snapshot, pick one, assume the pod there and hand the
// bind to its own goroutine so the next pod need not wait for the
// apiserver. It mirrors ScheduleOne and schedulePod in kube-scheduler's
// schedule_one.go (which, unlike this, may stop filtering after enough
// feasible nodes on big clusters).

package scheduler

import (
	"context"
	"errors"
	"fmt"

	corev1 "k8s.io/api/core/v1"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
)

// scheduleOne schedules the next pod; it returns queue.ErrClosed when the
// queue is closed, and nil otherwise (failures are handled here).
func (s *Scheduler) scheduleOne(ctx context.Context) error {
	pInfo, err := s.queue.Pop()
	if err != nil {
		return err
	}
	pod := pInfo.Pod
	if s.cache.HasPod(pod) {
		s.queue.Done(pod) // assumed or bound already: an update raced the cycle
		return nil
	}
	s.cache.UpdateSnapshot(s.snapshot)
	host, err := s.schedulePod(ctx, pod)
	if err != nil {
		s.handleSchedulingFailure(ctx, pInfo, err)
		return nil
	}
	assumed := pod.DeepCopy()
	assumed.Spec.NodeName = host
	if err := s.cache.AssumePod(assumed); err != nil {
		s.handleSchedulingFailure(ctx, pInfo, fmt.Errorf("assuming pod %s/%s on %s: %w", pod.Namespace, pod.Name, host, err))
		return nil
	}
	s.binds.Go(func() { s.bind(ctx, pInfo, assumed) })
	return nil
}

// schedulePod returns the node for pod, or a *framework.FitError saying
// why none fits.
func (s *Scheduler) schedulePod(ctx context.Context, pod *corev1.Pod) (string, error) {
	nodes := s.snapshot.Nodes()
	if len(nodes) == 0 {
		return "", &framework.FitError{Pod: pod}
	}
	state := framework.NewCycleState()
	if st := s.fwk.RunPreFilters(ctx, state, pod); !st.IsSuccess() {
		return "", fmt.Errorf("running PreFilter plugins: %w", st.AsError())
	}
	feasible, statuses := s.findNodesThatFit(ctx, state, pod, nodes)
	if len(feasible) == 0 {
		return "", &framework.FitError{Pod: pod, NumAllNodes: len(nodes), NodeToStatus: statuses}
	}
	if len(feasible) == 1 {
		return feasible[0].Name(), nil
	}
	scores, err := s.fwk.RunScores(ctx, state, pod, feasible)
	if err != nil {
		return "", err
	}
	return s.selectHost(scores), nil
}

// findNodesThatFit runs the filters on every node, in name order, and
// returns the nodes that pass and the status of each that does not.
func (s *Scheduler) findNodesThatFit(ctx context.Context, state *framework.CycleState, pod *corev1.Pod, nodes []*framework.NodeInfo) ([]*framework.NodeInfo, map[string]*framework.Status) {
	feasible := make([]*framework.NodeInfo, 0, len(nodes)) // one allocation, not ten doublings
	statuses := map[string]*framework.Status{}
	for _, n := range nodes {
		if st := s.fwk.RunFilters(ctx, state, pod, n); st.IsSuccess() {
			feasible = append(feasible, n)
		} else {
			statuses[n.Name()] = st
		}
	}
	return feasible, statuses
}

// isFitError reports whether err says the pod fits nowhere (as opposed to
// an error while trying).
func isFitError(err error) (*framework.FitError, bool) {
	var fitErr *framework.FitError
	ok := errors.As(err, &fitErr)
	return fitErr, ok
}
