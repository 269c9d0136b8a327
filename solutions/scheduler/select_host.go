// This file teaches the last step of the decision: the node with the best
// total score wins. kube-scheduler breaks ties at random (reservoir
// sampling), which spreads identical pods but makes a placement
// unrepeatable; the teaching scheduler breaks them round-robin in name
// order, which spreads them just as evenly and lets a lab say where the
// next pod goes.

package scheduler

import "github.com/kubeling/kubeling/solutions/scheduler/framework"

// selectHost returns the node to bind to. scores are in node-name order
// and not empty.
func (s *Scheduler) selectHost(scores []framework.NodeScore) string {
	// lab:begin select-host
	// hint: only the nodes with the highest total score are candidates
	// hint: among tied nodes, take the first whose name comes after the node chosen last (s.lastPicked); if none does, wrap round to the first tied node
	// hint: remember the choice in s.lastPicked: without it, every tie would go to the same node and 50 identical pods would pile onto node-01 until its score drops
	best := scores[0].Score
	for _, sc := range scores[1:] {
		best = max(best, sc.Score)
	}
	chosen := ""
	for _, sc := range scores {
		if sc.Score != best {
			continue
		}
		if chosen == "" {
			chosen = sc.Name // the wrap-round choice, unless a later one comes
		}
		if sc.Name > s.lastPicked {
			chosen = sc.Name
			break
		}
	}
	s.lastPicked = chosen
	return chosen
	// lab:end
}
