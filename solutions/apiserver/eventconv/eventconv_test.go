package eventconv

import (
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestRoundTripKeepsEveryField(t *testing.T) {
	in := &eventsv1.Event{
		TypeMeta:            metav1.TypeMeta{APIVersion: "events.k8s.io/v1", Kind: "Event"},
		ObjectMeta:          metav1.ObjectMeta{Name: "nginx.1", Namespace: "default"},
		EventTime:           metav1.NewMicroTime(metav1.Now().Time),
		ReportingController: "kubeling.io/scheduler",
		ReportingInstance:   "scheduler-1",
		Action:              "Binding",
		Reason:              "Scheduled",
		Regarding:           corev1.ObjectReference{Kind: "Pod", Name: "nginx"},
		Related:             &corev1.ObjectReference{Kind: "Node", Name: "node-02"},
		Note:                "Successfully assigned default/nginx to node-02",
		Type:                corev1.EventTypeNormal,
		Series:              &eventsv1.EventSeries{Count: 3},
		DeprecatedCount:     3,
	}
	core := ToCore(in)
	assert.Equal(t, "nginx", core.InvolvedObject.Name)
	assert.Equal(t, in.Note, core.Message)
	assert.Equal(t, "v1", core.APIVersion)
	assert.Equal(t, in, ToEventsV1(core))
}
