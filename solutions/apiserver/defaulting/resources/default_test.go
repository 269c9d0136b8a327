package resources

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	"github.com/kubeling/kubeling/solutions/apiserver/goldentest"
)

// TestDefaultMatchesKubernetes compares Default with a real apiserver's
// defaulting. The golden files were recorded by the oracle in
// tools/oracle (make golden) from Kubernetes v1.37.2: the scheme's
// defaulters (pkg/apis/core/v1), then for namespaces the registry's
// PrepareForCreate (pkg/registry/core/namespace/strategy.go). Services in
// these fixtures name their IP family, which the real apiserver sets while
// allocating the IP (see TestServiceIPFamilies).
func TestDefaultMatchesKubernetes(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.input.json")
	require.NoError(t, err)
	require.NotEmpty(t, inputs)
	for _, input := range inputs {
		name := strings.TrimSuffix(filepath.Base(input), ".input.json")
		t.Run(name, func(t *testing.T) {
			obj := goldentest.Decode(t, input)
			Default(obj)
			got, err := json.Marshal(obj)
			require.NoError(t, err)
			want, err := os.ReadFile(strings.TrimSuffix(input, ".input.json") + ".golden.json")
			require.NoError(t, err)
			assert.JSONEq(t, string(want), string(got))
		})
	}
}

// TestDefaultIsIdempotent: the apiserver defaults on create and again on
// every update, so a second pass must change nothing.
func TestDefaultIsIdempotent(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.input.json")
	require.NoError(t, err)
	for _, input := range inputs {
		obj := goldentest.Decode(t, input)
		Default(obj)
		once := obj.DeepCopyObject()
		Default(obj)
		assert.Equal(t, once, obj, input)
	}
}

// pkg/registry/core/service/storage/alloc.go initIPFamilyFields, for a
// cluster whose service range is IPv4 only.
func TestServiceIPFamilies(t *testing.T) {
	tests := []struct {
		name       string
		spec       corev1.ServiceSpec
		wantPolicy *corev1.IPFamilyPolicy
		wantFams   []corev1.IPFamily
		wantIPs    []string
	}{
		{"plain", corev1.ServiceSpec{Ports: []corev1.ServicePort{{Port: 80}}},
			ptr.To(corev1.IPFamilyPolicySingleStack), []corev1.IPFamily{corev1.IPv4Protocol}, nil},
		{"clusterIP given", corev1.ServiceSpec{ClusterIP: "10.96.0.10"},
			ptr.To(corev1.IPFamilyPolicySingleStack), []corev1.IPFamily{corev1.IPv4Protocol}, []string{"10.96.0.10"}},
		{"headless with selector", corev1.ServiceSpec{ClusterIP: "None", Selector: map[string]string{"app": "db"}},
			ptr.To(corev1.IPFamilyPolicySingleStack), []corev1.IPFamily{corev1.IPv4Protocol}, []string{"None"}},
		{"headless without selector", corev1.ServiceSpec{ClusterIP: "None"},
			ptr.To(corev1.IPFamilyPolicyRequireDualStack), []corev1.IPFamily{corev1.IPv4Protocol, corev1.IPv6Protocol}, []string{"None"}},
		{"ExternalName", corev1.ServiceSpec{Type: corev1.ServiceTypeExternalName, ExternalName: "db.example.com"},
			nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc := &corev1.Service{Spec: tt.spec}
			Default(svc)
			assert.Equal(t, tt.wantPolicy, svc.Spec.IPFamilyPolicy)
			assert.Equal(t, tt.wantFams, svc.Spec.IPFamilies)
			assert.Equal(t, tt.wantIPs, svc.Spec.ClusterIPs)
		})
	}
}

// pkg/apis/core/v1/defaults.go SetDefaults_Service: the target port is
// the port, and only externally reachable services get a traffic policy.
func TestServicePortsAndTrafficPolicy(t *testing.T) {
	svc := &corev1.Service{Spec: corev1.ServiceSpec{Type: corev1.ServiceTypeNodePort, Ports: []corev1.ServicePort{{Port: 80}}}}
	Default(svc)
	assert.Equal(t, corev1.ProtocolTCP, svc.Spec.Ports[0].Protocol)
	assert.Equal(t, intstr.FromInt32(80), svc.Spec.Ports[0].TargetPort)
	assert.Equal(t, corev1.ServiceExternalTrafficPolicyCluster, svc.Spec.ExternalTrafficPolicy)
	assert.Equal(t, corev1.ServiceInternalTrafficPolicyCluster, *svc.Spec.InternalTrafficPolicy)

	plain := &corev1.Service{Spec: corev1.ServiceSpec{Ports: []corev1.ServicePort{{Port: 80}}}}
	Default(plain)
	assert.Equal(t, corev1.ServiceTypeClusterIP, plain.Spec.Type)
	assert.Empty(t, plain.Spec.ExternalTrafficPolicy)
}

// pkg/registry/core/namespace/strategy.go PrepareForCreate: the finalizer
// is added to new namespaces only.
func TestNamespaceFinalizerOnlyOnCreate(t *testing.T) {
	created := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "old", CreationTimestamp: metav1.Now()},
		Status: corev1.NamespaceStatus{Phase: corev1.NamespaceTerminating}}
	Default(created)
	assert.Empty(t, created.Spec.Finalizers, "an existing namespace's finalizers belong to the namespace controller")
	assert.Equal(t, corev1.NamespaceTerminating, created.Status.Phase)

	generated := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: "ns-"}}
	Default(generated)
	assert.Equal(t, []corev1.FinalizerName{corev1.FinalizerKubernetes}, generated.Spec.Finalizers)
	assert.Empty(t, generated.Labels, "no name yet, so no name label")
}

// pkg/registry/coordination/lease/strategy.go PrepareForCreate, with the
// CoordinatedLeaderElection feature off (its v1.37 default).
func TestLeaseDropsCoordinatedElectionFields(t *testing.T) {
	strategy := coordinationv1.OldestEmulationVersion
	l := &coordinationv1.Lease{Spec: coordinationv1.LeaseSpec{HolderIdentity: ptr.To("node-01"), Strategy: &strategy, PreferredHolder: ptr.To("x")}}
	Default(l)
	assert.Nil(t, l.Spec.Strategy)
	assert.Nil(t, l.Spec.PreferredHolder)
	assert.Equal(t, "node-01", *l.Spec.HolderIdentity)
}
