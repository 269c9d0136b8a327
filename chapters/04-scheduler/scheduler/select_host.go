// This file teaches the last step of the decision: the node with the best
// total score wins. kube-scheduler breaks ties at random (reservoir
// sampling), which spreads identical pods but makes a placement
// unrepeatable; the teaching scheduler breaks them round-robin in name
// order, which spreads them just as evenly and lets a lab say where the
// next pod goes.

package scheduler

import "github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"

// selectHost returns the node to bind to. scores are in node-name order
// and not empty.
func (s *Scheduler) selectHost(scores []framework.NodeScore) string {
	// TODO(chapter 4): write select-host.
	// Hint: only the nodes with the highest total score are candidates
	// Hint: among tied nodes, take the first whose name comes after the node chosen last (s.lastPicked); if none does, wrap round to the first tied node
	// Hint: remember the choice in s.lastPicked: without it, every tie would go to the same node and 50 identical pods would pile onto node-01 until its score drops
	panic("TODO(chapter 4): select-host is not written yet (see chapters/04-scheduler/README.md)")
}
