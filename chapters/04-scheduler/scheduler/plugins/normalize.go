// This file teaches how a raw score (a count, a sum of weights) becomes
// 0..MaxNodeScore, so that plugins can be weighed against each other. It
// mirrors helper.DefaultNormalizeScore in kube-scheduler.

package plugins

import "github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"

// normalize scales scores so the biggest becomes MaxNodeScore; with
// reverse, the biggest becomes 0 and 0 becomes MaxNodeScore. When every
// score is 0 they all become 0 (MaxNodeScore with reverse): no node is
// better than another.
func normalize(scores []framework.NodeScore, reverse bool) {
	var highest int64
	for _, s := range scores {
		highest = max(highest, s.Score)
	}
	for i := range scores {
		score := int64(0)
		if highest > 0 {
			score = scores[i].Score * framework.MaxNodeScore / highest
		}
		if reverse {
			score = framework.MaxNodeScore - score
		}
		scores[i].Score = score
	}
}
