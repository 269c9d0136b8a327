// Command oracle records golden outputs from real Kubernetes v1.37.2 code
// (printers, defaulting, validation) for kubeling's apiserver packages.
// It lives outside kubeling's module on purpose: k8s.io/kubernetes must
// never be a dependency of the course.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/apiserver/pkg/admission"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/apiserver/pkg/registry/rest"
	utilfeature "k8s.io/apiserver/pkg/util/feature"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes/fake"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"k8s.io/kubernetes/pkg/apis/apps"
	_ "k8s.io/kubernetes/pkg/apis/apps/install"
	_ "k8s.io/kubernetes/pkg/apis/autoscaling/install"
	"k8s.io/kubernetes/pkg/apis/coordination"
	_ "k8s.io/kubernetes/pkg/apis/coordination/install"
	api "k8s.io/kubernetes/pkg/apis/core"
	_ "k8s.io/kubernetes/pkg/apis/core/install"
	_ "k8s.io/kubernetes/pkg/apis/events/install"
	"k8s.io/kubernetes/pkg/printers"
	printersinternal "k8s.io/kubernetes/pkg/printers/internalversion"
	"k8s.io/kubernetes/pkg/registry/apps/deployment"
	"k8s.io/kubernetes/pkg/registry/apps/replicaset"
	"k8s.io/kubernetes/pkg/registry/coordination/lease"
	"k8s.io/kubernetes/pkg/registry/core/configmap"
	"k8s.io/kubernetes/pkg/registry/core/endpoint"
	"k8s.io/kubernetes/pkg/registry/core/event"
	"k8s.io/kubernetes/pkg/registry/core/namespace"
	"k8s.io/kubernetes/pkg/registry/core/node"
	"k8s.io/kubernetes/pkg/registry/core/pod"
	"k8s.io/kubernetes/pkg/registry/core/replicationcontroller"
	"k8s.io/kubernetes/pkg/registry/core/secret"
	"k8s.io/kubernetes/pkg/registry/core/service"
	"k8s.io/kubernetes/plugin/pkg/admission/defaulttolerationseconds"
	"k8s.io/kubernetes/plugin/pkg/admission/priority"
)

// fixedNow is the "now" the fixtures are written against.
var fixedNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: oracle print|default|validate <dir>")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "print":
		err = recordTables(os.Args[2])
	case "default":
		err = recordDefaults(os.Args[2])
	case "validate":
		err = recordValidation(os.Args[2])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// decodeInternal decodes versioned JSON without defaulting and converts it
// to the internal type that Kubernetes' printers and validators take.
func decodeInternal(data []byte) (runtime.Object, error) {
	versioned, gvk, err := legacyscheme.Codecs.UniversalDeserializer().Decode(data, nil, nil)
	if err != nil {
		return nil, err
	}
	internalGV := gvk.GroupKind().WithVersion(runtime.APIVersionInternal)
	internal, err := legacyscheme.Scheme.New(internalGV)
	if err != nil {
		return nil, err
	}
	if err := legacyscheme.Scheme.Convert(versioned, internal, nil); err != nil {
		return nil, err
	}
	// The service REST storage (pkg/registry/core/service/storage/storage.go,
	// normalizeClusterIPs) copies a lone clusterIP into clusterIPs before
	// validation; strategies alone do not.
	if svc, ok := internal.(*api.Service); ok && svc.Spec.ClusterIP != "" && len(svc.Spec.ClusterIPs) == 0 {
		svc.Spec.ClusterIPs = []string{svc.Spec.ClusterIP}
	}
	return internal, nil
}

var timestamp = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$`)

// shiftTimes adds d to every timestamp in a JSON document, so that the
// printers' time.Since sees the ages the fixture meant relative to fixedNow.
func shiftTimes(v interface{}, d time.Duration) interface{} {
	switch t := v.(type) {
	case map[string]interface{}:
		for k, x := range t {
			t[k] = shiftTimes(x, d)
		}
	case []interface{}:
		for i, x := range t {
			t[i] = shiftTimes(x, d)
		}
	case string:
		if timestamp.MatchString(t) {
			ts, err := time.Parse(time.RFC3339Nano, t)
			if err != nil {
				return t
			}
			if strings.Contains(t, ".") {
				return ts.Add(d).UTC().Format("2006-01-02T15:04:05.000000Z07:00")
			}
			return ts.Add(d).UTC().Format(time.RFC3339)
		}
	}
	return v
}

type goldenTable struct {
	Columns    []goldenColumn  `json:"columns"`
	Rows       [][]interface{} `json:"rows"`
	Conditions [][]interface{} `json:"conditions,omitempty"`
}

type goldenColumn struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Format      string `json:"format,omitempty"`
	Priority    int32  `json:"priority,omitempty"`
	Description string `json:"description"`
}

func recordTables(dir string) error {
	gen := printers.NewTableGenerator().With(printersinternal.AddHandlers)
	files, err := filepath.Glob(filepath.Join(dir, "*.input.json"))
	if err != nil {
		return err
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var doc interface{}
		if err := json.Unmarshal(data, &doc); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		shift := time.Since(fixedNow).Truncate(time.Second)
		shifted, _ := json.Marshal(shiftTimes(doc, shift))
		obj, err := decodeInternal(shifted)
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		table, err := gen.GenerateTable(obj, printers.GenerateOptions{Wide: true})
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		var g goldenTable
		for _, c := range table.ColumnDefinitions {
			g.Columns = append(g.Columns, goldenColumn{c.Name, c.Type, c.Format, c.Priority, c.Description})
		}
		for _, r := range table.Rows {
			g.Rows = append(g.Rows, r.Cells)
			var conds []interface{}
			for _, c := range r.Conditions {
				conds = append(conds, c)
			}
			g.Conditions = append(g.Conditions, conds)
		}
		out, err := json.MarshalIndent(g, "", "  ")
		if err != nil {
			return err
		}
		golden := strings.TrimSuffix(f, ".input.json") + ".golden.json"
		if err := os.WriteFile(golden, append(out, '\n'), 0o644); err != nil {
			return err
		}
		fmt.Println("wrote", golden)
	}
	return nil
}

// recordDefaults runs what a real apiserver runs on a new object before
// validation: the scheme's defaulters, then for pods the Priority and
// DefaultTolerationSeconds admission plugins (on by default) and for
// namespaces the registry's PrepareForCreate.
func recordDefaults(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.input.json"))
	if err != nil {
		return err
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		obj, err := defaultLikeAPIServer(data)
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		out, err := json.MarshalIndent(obj, "", "  ")
		if err != nil {
			return err
		}
		golden := strings.TrimSuffix(f, ".input.json") + ".golden.json"
		if err := os.WriteFile(golden, append(out, '\n'), 0o644); err != nil {
			return err
		}
		fmt.Println("wrote", golden)
	}
	return nil
}

func defaultLikeAPIServer(data []byte) (runtime.Object, error) {
	versioned, gvk, err := legacyscheme.Codecs.UniversalDeserializer().Decode(data, nil, nil)
	if err != nil {
		return nil, err
	}
	legacyscheme.Scheme.Default(versioned)
	internal, err := legacyscheme.Scheme.New(gvk.GroupKind().WithVersion(runtime.APIVersionInternal))
	if err != nil {
		return nil, err
	}
	if err := legacyscheme.Scheme.Convert(versioned, internal, nil); err != nil {
		return nil, err
	}
	ctx := context.Background()
	switch o := internal.(type) {
	case *api.Pod:
		if err := admitPod(ctx, o); err != nil {
			return nil, err
		}
	case *api.Namespace:
		namespace.Strategy.PrepareForCreate(ctx, o)
	}
	out, err := legacyscheme.Scheme.New(*gvk)
	if err != nil {
		return nil, err
	}
	if err := legacyscheme.Scheme.Convert(internal, out, nil); err != nil {
		return nil, err
	}
	out.GetObjectKind().SetGroupVersionKind(*gvk)
	return out, nil
}

func admitPod(ctx context.Context, pod *api.Pod) error {
	tolerations := defaulttolerationseconds.NewDefaultTolerationSeconds()
	tolerations.InspectFeatureGates(utilfeature.DefaultFeatureGate)
	prio := priority.NewPlugin()
	factory := informers.NewSharedInformerFactory(fake.NewSimpleClientset(), 0)
	prio.SetExternalKubeInformerFactory(factory)
	stop := make(chan struct{})
	defer close(stop)
	factory.Start(stop)
	factory.WaitForCacheSync(stop)
	attrs := admission.NewAttributesRecord(pod, nil, api.Kind("Pod").WithVersion("version"), pod.Namespace, pod.Name,
		api.Resource("pods").WithVersion("version"), "", admission.Create, &metav1.CreateOptions{}, false, nil)
	if err := tolerations.Admit(ctx, attrs, nil); err != nil {
		return err
	}
	return prio.Admit(ctx, attrs, nil)
}

// validationCase is one testdata file: an object to create, or an object
// to update together with the stored one it replaces.
type validationCase struct {
	Op     string          `json:"op"`
	Object json.RawMessage `json:"object"`
	Old    json.RawMessage `json:"old,omitempty"`
}

type validationGolden struct {
	// Errors are the field errors, in Kubernetes' order.
	Errors []string `json:"errors"`
	// Message is the 422's message, as kubectl prints it.
	Message string `json:"message,omitempty"`
}

type strategy interface {
	rest.RESTCreateStrategy
	rest.RESTUpdateStrategy
}

func strategyFor(obj runtime.Object) (strategy, string) {
	switch obj.(type) {
	case *api.Pod:
		return pod.Strategy, "pods"
	case *apps.Deployment:
		return deployment.Strategy, "deployments"
	case *apps.ReplicaSet:
		return replicaset.Strategy, "replicasets"
	case *api.ReplicationController:
		return replicationcontroller.Strategy, "replicationcontrollers"
	case *api.Service:
		return service.Strategy, "services"
	case *api.Namespace:
		return namespace.Strategy, "namespaces"
	case *api.ConfigMap:
		return configmap.Strategy, "configmaps"
	case *api.Secret:
		return secret.Strategy, "secrets"
	case *api.Node:
		return node.Strategy, "nodes"
	case *api.Event:
		return event.Strategy, "events"
	case *coordination.Lease:
		return lease.Strategy, "leases"
	case *api.Endpoints:
		return endpoint.Strategy, "endpoints"
	}
	return nil, ""
}

// recordValidation runs each case through what a real apiserver runs
// after decoding: defaulting and admission (as recordDefaults), then
// rest.BeforeCreate's or rest.BeforeUpdate's PrepareFor* and validation.
func recordValidation(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.case.json"))
	if err != nil {
		return err
	}
	for _, f := range files {
		g, err := validateCase(f)
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		out, err := json.MarshalIndent(g, "", "  ")
		if err != nil {
			return err
		}
		golden := strings.TrimSuffix(f, ".case.json") + ".golden.json"
		if err := os.WriteFile(golden, append(out, '\n'), 0o644); err != nil {
			return err
		}
		fmt.Println("wrote", golden)
	}
	return nil
}

func validateCase(f string) (*validationGolden, error) {
	data, err := os.ReadFile(f)
	if err != nil {
		return nil, err
	}
	var c validationCase
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, err
	}
	_, gvk, err := legacyscheme.Codecs.UniversalDeserializer().Decode(c.Object, nil, nil)
	if err != nil {
		return nil, err
	}
	obj, err := internalDefaulted(c.Object)
	if err != nil {
		return nil, err
	}
	st, resource := strategyFor(obj)
	if st == nil {
		return nil, fmt.Errorf("no strategy for %T", obj)
	}
	m, err := meta.Accessor(obj)
	if err != nil {
		return nil, err
	}
	ctx := genericapirequest.WithNamespace(context.Background(), m.GetNamespace())
	ctx = genericapirequest.WithRequestInfo(ctx, &genericapirequest.RequestInfo{
		IsResourceRequest: true, Verb: c.Op, APIGroup: gvk.Group, APIVersion: gvk.Version,
		Resource: resource, Namespace: m.GetNamespace(), Name: m.GetName(),
	})

	var errs field.ErrorList
	switch c.Op {
	case "create":
		st.PrepareForCreate(ctx, obj)
		errs = rest.ValidateCreate(ctx, obj, st)
	case "update":
		old, err := internalDefaulted(c.Old)
		if err != nil {
			return nil, err
		}
		oldMeta, _ := meta.Accessor(old)
		m.SetGeneration(oldMeta.GetGeneration())
		st.PrepareForUpdate(ctx, obj, old)
		errs = rest.ValidateUpdate(ctx, obj, old, st)
	default:
		return nil, fmt.Errorf("unknown op %q", c.Op)
	}
	g := &validationGolden{Errors: []string{}}
	for _, e := range errs {
		g.Errors = append(g.Errors, e.Error())
	}
	if len(errs) > 0 {
		g.Message = apierrors.NewInvalid(gvk.GroupKind(), m.GetName(), errs).Error()
	}
	return g, nil
}

// internalDefaulted decodes, defaults and admits as a real apiserver does,
// and returns the internal object that strategies validate.
func internalDefaulted(data []byte) (runtime.Object, error) {
	versioned, err := defaultLikeAPIServer(data)
	if err != nil {
		return nil, err
	}
	gvk := versioned.GetObjectKind().GroupVersionKind()
	internal, err := legacyscheme.Scheme.New(gvk.GroupKind().WithVersion(runtime.APIVersionInternal))
	if err != nil {
		return nil, err
	}
	if err := legacyscheme.Scheme.Convert(versioned, internal, nil); err != nil {
		return nil, err
	}
	// The service REST storage (pkg/registry/core/service/storage/storage.go,
	// normalizeClusterIPs) copies a lone clusterIP into clusterIPs before
	// validation; strategies alone do not.
	if svc, ok := internal.(*api.Service); ok && svc.Spec.ClusterIP != "" && len(svc.Spec.ClusterIPs) == 0 {
		svc.Spec.ClusterIPs = []string{svc.Spec.ClusterIP}
	}
	return internal, nil
}
