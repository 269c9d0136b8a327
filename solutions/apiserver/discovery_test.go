package apiserver_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	apidiscoveryv2 "k8s.io/api/apidiscovery/v2"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/cli-runtime/pkg/resource"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/openapi"

	"github.com/kubeling/kubeling/solutions/apiserver/apiservertest"
)

func TestDiscoveryAsClientGoSeesIt(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	client, err := discovery.NewDiscoveryClientForConfig(srv.RESTConfig)
	require.NoError(t, err)

	groups, resources, err := client.ServerGroupsAndResources()
	require.NoError(t, err)
	var groupNames []string
	for _, g := range groups {
		groupNames = append(groupNames, g.Name)
	}
	assert.Equal(t, []string{"", "apps", "coordination.k8s.io", "events.k8s.io",
		"admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io",
		"authentication.k8s.io", "authorization.k8s.io", "autoscaling", "batch", "certificates.k8s.io",
		"discovery.k8s.io", "networking.k8s.io", "node.k8s.io", "policy", "scheduling.k8s.io", "storage.k8s.io",
	}, groupNames)

	byName := map[string]metav1.APIResource{}
	for _, list := range resources {
		for _, r := range list.APIResources {
			byName[list.GroupVersion+" "+r.Name] = r
		}
	}
	pods := byName["v1 pods"]
	assert.Equal(t, []string{"po"}, []string(pods.ShortNames))
	assert.Equal(t, []string{"all"}, pods.Categories)
	assert.True(t, pods.Namespaced)
	assert.ElementsMatch(t, []string{"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"}, []string(pods.Verbs))
	for name, short := range map[string]string{
		"apps/v1 deployments": "deploy", "apps/v1 replicasets": "rs", "v1 services": "svc", "v1 nodes": "no",
		"v1 namespaces": "ns", "v1 events": "ev", "v1 configmaps": "cm", "v1 endpoints": "ep",
		"v1 replicationcontrollers": "rc",
	} {
		assert.Contains(t, []string(byName[name].ShortNames), short, name)
	}
	assert.False(t, byName["v1 nodes"].Namespaced)
	assert.Equal(t, "Scale", byName["apps/v1 deployments/scale"].Kind)
	assert.Equal(t, "autoscaling", byName["apps/v1 deployments/scale"].Group)
	assert.Equal(t, []string{"create"}, []string(byName["v1 pods/binding"].Verbs))
	assert.Contains(t, byName, "v1 pods/status")
	rc := byName["v1 replicationcontrollers"]
	assert.Equal(t, []string{"all"}, rc.Categories, "kubectl get all lists RCs")
	assert.True(t, rc.Namespaced)
	assert.Equal(t, "ReplicationController", rc.Kind)
	assert.Contains(t, byName, "v1 replicationcontrollers/status")
	assert.Equal(t, "Scale", byName["v1 replicationcontrollers/scale"].Kind)
	assert.Equal(t, "autoscaling", byName["v1 replicationcontrollers/scale"].Group)

	version, err := client.ServerVersion()
	require.NoError(t, err)
	assert.Equal(t, "v1.37.2", version.GitVersion)
	assert.Equal(t, "1", version.Major)
	assert.Equal(t, "37", version.Minor)
}

func TestAggregatedDiscovery(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	r := do(t, "GET", srv.URL+"/apis", "", "Accept", discovery.AcceptV2+","+discovery.AcceptV1)
	require.Equal(t, 200, r.code)
	assert.Equal(t, "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", r.header.Get("Content-Type"))
	var list apidiscoveryv2.APIGroupDiscoveryList
	require.NoError(t, json.Unmarshal(r.body, &list))
	require.NotEmpty(t, list.Items)
	assert.Equal(t, "apps", list.Items[0].Name)
	var deployments *apidiscoveryv2.APIResourceDiscovery
	for i, res := range list.Items[0].Versions[0].Resources {
		if res.Resource == "deployments" {
			deployments = &list.Items[0].Versions[0].Resources[i]
		}
	}
	require.NotNil(t, deployments)
	assert.Equal(t, []string{"deploy"}, deployments.ShortNames)
	assert.Equal(t, apidiscoveryv2.ScopeNamespace, deployments.Scope)

	// Without the aggregated Accept, the classic document.
	r = do(t, "GET", srv.URL+"/apis", "")
	assert.Equal(t, "application/json", r.header.Get("Content-Type"))
	assert.Contains(t, string(r.body), `"kind":"APIGroupList"`)
	assert.Equal(t, 404, do(t, "GET", srv.URL+"/apis/rbac.authorization.k8s.io/v1", "").code)
	assert.Equal(t, 404, do(t, "GET", srv.URL+"/apis/batch/v2", "").code)
}

func TestHealthAndVersion(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	for _, path := range []string{"/healthz", "/readyz", "/livez"} {
		r := do(t, "GET", srv.URL+path, "")
		assert.Equal(t, http.StatusOK, r.code, path)
		assert.Equal(t, "ok", string(r.body), path)
	}
	r := do(t, "GET", srv.URL+"/version", "")
	assert.Contains(t, string(r.body), `"gitVersion":"v1.37.2"`)
}

// kubectl validates on the server when the OpenAPI document says a kind's
// PATCH takes fieldValidation: check with kubectl's own verifier.
func TestOpenAPILetsKubectlValidateOnTheServer(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	client, err := discovery.NewDiscoveryClientForConfig(srv.RESTConfig)
	require.NoError(t, err)
	dyn, err := dynamic.NewForConfig(srv.RESTConfig)
	require.NoError(t, err)
	verifier := resource.NewQueryParamVerifierV3(dyn, openapi.NewClient(client.RESTClient()), resource.QueryParamFieldValidation)
	for _, gvk := range []schema.GroupVersionKind{
		{Group: "apps", Version: "v1", Kind: "Deployment"},
		{Version: "v1", Kind: "Pod"},
		{Version: "v1", Kind: "Namespace"},
		{Group: "coordination.k8s.io", Version: "v1", Kind: "Lease"},
	} {
		assert.NoError(t, verifier.HasSupport(gvk), gvk.String())
	}
	assert.Error(t, verifier.HasSupport(schema.GroupVersionKind{Group: "rbac.authorization.k8s.io", Version: "v1", Kind: "Role"}))
}

// Kubernetes' conformance test "Discovery should locate the groupVersion
// and a resource within each APIGroup" asks each of these documents for
// one resource: a conformant cluster serves them all.
func TestDiscoveryServesAResourceOfEveryConformantGroup(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	client, err := discovery.NewDiscoveryClientForConfig(srv.RESTConfig)
	require.NoError(t, err)
	for _, want := range []struct{ groupVersion, resource string }{
		{"v1", "namespaces"},
		{"admissionregistration.k8s.io/v1", "validatingwebhookconfigurations"},
		{"apiextensions.k8s.io/v1", "customresourcedefinitions"},
		{"apiregistration.k8s.io/v1", "apiservices"},
		{"apps/v1", "deployments"},
		{"authentication.k8s.io/v1", "tokenreviews"},
		{"authorization.k8s.io/v1", "selfsubjectaccessreviews"},
		{"autoscaling/v1", "horizontalpodautoscalers"},
		{"autoscaling/v2", "horizontalpodautoscalers"},
		{"batch/v1", "jobs"},
		{"certificates.k8s.io/v1", "certificatesigningrequests"},
		{"coordination.k8s.io/v1", "leases"},
		{"discovery.k8s.io/v1", "endpointslices"},
		{"events.k8s.io/v1", "events"},
		{"networking.k8s.io/v1", "ingresses"},
		{"node.k8s.io/v1", "runtimeclasses"},
		{"policy/v1", "poddisruptionbudgets"},
		{"scheduling.k8s.io/v1", "priorityclasses"},
		{"storage.k8s.io/v1", "csinodes"},
	} {
		list, err := client.ServerResourcesForGroupVersion(want.groupVersion)
		require.NoError(t, err, want.groupVersion)
		assert.Equal(t, want.groupVersion, list.GroupVersion)
		var names []string
		for _, r := range list.APIResources {
			names = append(names, r.Name)
		}
		assert.Contains(t, names, want.resource, want.groupVersion)
	}

	// A group in two versions names both, the preferred one first, in both
	// the classic and the aggregated documents.
	var autoscaling metav1.APIGroup
	require.NoError(t, json.Unmarshal(do(t, "GET", srv.URL+"/apis/autoscaling", "").body, &autoscaling))
	assert.Equal(t, "autoscaling/v2", autoscaling.PreferredVersion.GroupVersion)
	require.Len(t, autoscaling.Versions, 2)
	assert.Equal(t, "autoscaling/v1", autoscaling.Versions[1].GroupVersion)
	var list apidiscoveryv2.APIGroupDiscoveryList
	require.NoError(t, json.Unmarshal(do(t, "GET", srv.URL+"/apis", "", "Accept", discovery.AcceptV2).body, &list))
	for _, g := range list.Items {
		if g.Name == "autoscaling" {
			require.Len(t, g.Versions, 2)
			assert.Equal(t, "v2", g.Versions[0].Version)
			assert.Equal(t, "v1", g.Versions[1].Version)
		}
	}

	// A review is asked, not stored: create is its only verb.
	reviews, err := client.ServerResourcesForGroupVersion("authorization.k8s.io/v1")
	require.NoError(t, err)
	for _, r := range reviews.APIResources {
		assert.Equal(t, []string{"create"}, []string(r.Verbs), r.Name)
	}
}
