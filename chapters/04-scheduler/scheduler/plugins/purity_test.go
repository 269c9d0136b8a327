package plugins

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"

	"github.com/kubeling/kubeling/chapters/04-scheduler/scheduler/framework"
)

// Filters give the same answer whether or not their PreFilter ran (they
// work the pod out themselves when the CycleState has nothing), and they
// never change the NodeInfo they judge: one snapshot serves every pod of
// the cycle.
func TestFiltersWithoutPreFilterAndWithoutSideEffects(t *testing.T) {
	node := nodeWith(makeNode("node-01", "2", "4Gi", 110), withHostPort(makePod("placed", "1", "1Gi"), "", 8080, ""))
	pods := []*corev1.Pod{
		makePod("fits", "1", "1Gi"),
		makePod("too-big", "3", ""),
		withHostPort(makePod("port", "", ""), "", 8080, ""),
	}
	for _, pl := range Default().Filters {
		for _, pod := range pods {
			before := node.Clone()
			withPre := filter(t, pl, pod, node)
			without := pl.Filter(context.Background(), framework.NewCycleState(), pod, node)
			assert.Equal(t, withPre.Reasons(), without.Reasons(), "%s answered %s differently without its PreFilter", pl.Name(), pod.Name)
			assert.Equal(t, before, node, "%s changed the NodeInfo while judging %s", pl.Name(), pod.Name)
		}
	}
}
