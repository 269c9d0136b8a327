package apiserver_test

import (
	"context"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kubeling/kubeling/solutions/apiserver"
	"github.com/kubeling/kubeling/solutions/apiserver/apiservertest"
)

// The e2e suite starts by reading the clusterIP of default/kubernetes; a
// cluster without it runs no test at all.
func TestBootstrapCreatesTheKubernetesService(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	ctx := context.Background()
	u, err := url.Parse(srv.URL)
	require.NoError(t, err)
	port, err := strconv.Atoi(u.Port())
	require.NoError(t, err)

	svc, err := srv.Client.CoreV1().Services("default").Get(ctx, "kubernetes", metav1.GetOptions{})
	require.NoError(t, err)
	assert.Equal(t, "10.96.0.1", svc.Spec.ClusterIP)
	assert.Equal(t, []string{"10.96.0.1"}, svc.Spec.ClusterIPs, "defaulting ran")
	assert.Equal(t, corev1.ServiceTypeClusterIP, svc.Spec.Type)
	assert.Equal(t, map[string]string{"component": "apiserver", "provider": "kubernetes"}, svc.Labels)
	require.Len(t, svc.Spec.Ports, 1)
	assert.Equal(t, "https", svc.Spec.Ports[0].Name)
	assert.Equal(t, int32(443), svc.Spec.Ports[0].Port)
	assert.Equal(t, intstr.FromInt32(int32(port)), svc.Spec.Ports[0].TargetPort)

	// An apiserver started again on the same storage, on another port and
	// with another range, corrects the port and keeps the clusterIP (a
	// Service's clusterIP never changes).
	again, err := apiserver.New(apiserver.Config{Storage: srv.Storage, ServiceClusterIPRange: netipPrefix(t, "10.0.0.0/24")})
	require.NoError(t, err)
	require.NoError(t, again.Bootstrap(ctx, 7443))
	svc2, err := srv.Client.CoreV1().Services("default").Get(ctx, "kubernetes", metav1.GetOptions{})
	require.NoError(t, err)
	assert.Equal(t, "10.96.0.1", svc2.Spec.ClusterIP)
	assert.Equal(t, intstr.FromInt32(7443), svc2.Spec.Ports[0].TargetPort)
	assert.Equal(t, svc.UID, svc2.UID)

	// Unchanged, it is not written again.
	require.NoError(t, again.Bootstrap(ctx, 7443))
	svc3, err := srv.Client.CoreV1().Services("default").Get(ctx, "kubernetes", metav1.GetOptions{})
	require.NoError(t, err)
	assert.Equal(t, svc2.ResourceVersion, svc3.ResourceVersion)
}
