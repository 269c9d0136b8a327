package apiserver_test

// Compatibility with a client nobody here wrote: the real kubectl, built
// from k8s.io/kubectl v0.37.2 into bin/kubectl, run against a test
// apiserver on a loopback port.

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kubeling/kubeling/solutions/apiserver/apiservertest"
)

// kubectlBinary returns bin/kubectl, building it as the Makefile does if it
// is missing (once, a minute or two).
func kubectlBinary(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	bin := filepath.Join(root, "bin", "kubectl")
	if _, err := os.Stat(bin); err == nil {
		return bin
	}
	t.Logf("building %s", bin)
	cmd := exec.Command("go", "build", "-ldflags",
		"-X k8s.io/component-base/version.gitVersion=v1.37.2 -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=37",
		"-o", bin, "./tools/kubectl")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	return bin
}

type kubectl struct {
	t    *testing.T
	bin  string
	env  []string
	work string
}

func newKubectl(t *testing.T, srv *apiservertest.Server) *kubectl {
	home := t.TempDir() // kubectl caches discovery under $HOME/.kube
	return &kubectl{t: t, bin: kubectlBinary(t), work: t.TempDir(),
		env: append(os.Environ(), "KUBECONFIG="+srv.Kubeconfig, "HOME="+home)}
}

// run runs kubectl and returns its stdout, failing the test on error.
func (k *kubectl) run(args ...string) string {
	k.t.Helper()
	out, err := k.try(args...)
	require.NoError(k.t, err, "kubectl %s: %s", strings.Join(args, " "), out)
	return out
}

// try runs kubectl and returns its combined output and error.
func (k *kubectl) try(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, k.bin, args...)
	cmd.Env = k.env
	cmd.Dir = k.work
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// lines splits a table into its rows' whitespace-separated cells.
func rows(out string) [][]string {
	var rows [][]string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		rows = append(rows, strings.Fields(line))
	}
	return rows
}

func TestKubectlWalkthrough(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	k := newKubectl(t, srv)
	manifest, err := filepath.Abs("testdata/ks-nginx-deployment.yaml")
	require.NoError(t, err)

	// The seed's walkthrough: create -f, then get (kubectl validates with
	// the server's OpenAPI, so no --validate=false).
	assert.Equal(t, "deployment.apps/nginx created\n", k.run("create", "-f", manifest))
	table := rows(k.run("get", "deployment"))
	assert.Equal(t, []string{"NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"}, table[0])
	assert.Equal(t, []string{"nginx", "0/1", "0", "0"}, table[1][:4])

	yaml := k.run("get", "deployment", "nginx", "-o", "yaml")
	assert.Contains(t, yaml, "image: nginx:1.27.0")
	assert.Contains(t, yaml, "resourceVersion:")
	assert.Contains(t, yaml, "uid:")
	assert.Contains(t, yaml, "maxSurge: 25%", "defaulted by the server")

	// kubectl create deployment sends protobuf.
	assert.Equal(t, "deployment.apps/tomcat created\n", k.run("create", "deployment", "tomcat", "--image=tomcat:8"))
	assert.Contains(t, k.run("get", "deploy", "tomcat", "-o", "wide"), "tomcat:8")

	assert.Equal(t, "deployment.apps/nginx scaled\n", k.run("scale", "deployment", "nginx", "--replicas=3"))
	assert.Equal(t, "0/3", rows(k.run("get", "deploy", "nginx"))[1][1])

	assert.Equal(t, "deployment.apps/nginx labeled\n", k.run("label", "deployment", "nginx", "tier=web"))
	assert.Contains(t, k.run("get", "deploy", "-l", "tier=web", "-o", "name"), "deployment.apps/nginx")

	assert.Equal(t, "deployment.apps/nginx image updated\n", k.run("set", "image", "deployment/nginx", "nginx=nginx:1.27.1"))

	// kubectl edit with an editor that is a script.
	editor := filepath.Join(k.work, "editor.sh")
	require.NoError(t, os.WriteFile(editor, []byte("#!/bin/sh\nsed -i 's/nginx:1.27.1/nginx:1.27.2/' \"$1\"\n"), 0o755))
	k.env = append(k.env, "KUBE_EDITOR="+editor)
	assert.Equal(t, "deployment.apps/nginx edited\n", k.run("edit", "deployment", "nginx"))
	assert.Contains(t, k.run("get", "deploy", "nginx", "-o", "jsonpath={.spec.template.spec.containers[0].image}"), "nginx:1.27.2")

	// apply: create a new object, then configure it.
	applied := filepath.Join(k.work, "web.yaml")
	require.NoError(t, os.WriteFile(applied, []byte(strings.ReplaceAll(readFile(t, manifest), "nginx", "web")), 0o644))
	assert.Equal(t, "deployment.apps/web created\n", k.run("apply", "-f", applied))
	require.NoError(t, os.WriteFile(applied, []byte(strings.Replace(strings.ReplaceAll(readFile(t, manifest), "nginx", "web"), "replicas: 1", "replicas: 2", 1)), 0o644))
	assert.Equal(t, "deployment.apps/web configured\n", k.run("apply", "-f", applied))
	assert.Equal(t, "2", k.run("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}"))

	// describe reads events by field selector.
	assert.Contains(t, k.run("describe", "deployment", "nginx"), "nginx:1.27.2")
	assert.Contains(t, k.run("get", "all"), "deployment.apps/nginx")

	assert.Equal(t, "deployment.apps \"nginx\" deleted from default namespace\n", k.run("delete", "deployment", "nginx"))
	out, err := k.try("get", "deployment", "nginx")
	assert.Error(t, err)
	assert.Contains(t, out, `Error from server (NotFound): deployments.apps "nginx" not found`)

	// Server-side validation: an unknown field is refused.
	bad := filepath.Join(k.work, "bad.yaml")
	require.NoError(t, os.WriteFile(bad, []byte(strings.Replace(readFile(t, manifest), "replicas: 1", "replicas: 1\n  replica: 2", 1)), 0o644))
	out, err = k.try("create", "-f", bad)
	assert.Error(t, err)
	assert.Contains(t, out, `unknown field "spec.replica"`)
}

func readFile(t *testing.T, path string) string {
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(data)
}

func TestKubectlGetWatch(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	k := newKubectl(t, srv)
	k.run("run", "first", "--image=nginx")

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, k.bin, "get", "pods", "-w")
	cmd.Env = k.env
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	defer func() { cancel(); _ = cmd.Wait() }()

	var mu sync.Mutex
	var lines []string
	seen := make(chan string, 10)
	go func() {
		scanner := bufio.NewScanner(stdout)
		for scanner.Scan() {
			mu.Lock()
			lines = append(lines, scanner.Text())
			mu.Unlock()
			seen <- scanner.Text()
		}
	}()
	waitFor := func(prefix string) string {
		t.Helper()
		for {
			select {
			case line := <-seen:
				if strings.HasPrefix(line, prefix) {
					return line
				}
			case <-ctx.Done():
				mu.Lock()
				defer mu.Unlock()
				t.Fatalf("kubectl get -w never printed %q; it printed %q", prefix, lines)
			}
		}
	}
	assert.Equal(t, []string{"NAME", "READY", "STATUS", "RESTARTS", "AGE"}, strings.Fields(waitFor("NAME")))
	waitFor("first ")
	k.run("run", "second", "--image=nginx")
	assert.Equal(t, []string{"second", "0/1", "Pending", "0"}, strings.Fields(waitFor("second "))[:4])
}

// rcManifest is a ReplicationController that names its pods' labels once:
// the server copies them to the selector and to the RC's own labels.
const rcManifest = `apiVersion: v1
kind: ReplicationController
metadata:
  name: web
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27.0
`

// TestKubectlReplicationController: the oldest workload kind still works
// with kubectl as against Kubernetes v1.37.2: `rc` as a short name, the
// DESIRED/CURRENT/READY table, scale, describe, server-side defaults, and
// Kubernetes' own words for an RC whose selector misses its pods.
func TestKubectlReplicationController(t *testing.T) {
	srv := apiservertest.Start(t, apiservertest.Options{})
	k := newKubectl(t, srv)
	manifest := filepath.Join(k.work, "rc.yaml")
	require.NoError(t, os.WriteFile(manifest, []byte(rcManifest), 0o644))

	assert.Equal(t, "replicationcontroller/web created\n", k.run("create", "-f", manifest))
	table := rows(k.run("get", "rc"))
	assert.Equal(t, []string{"NAME", "DESIRED", "CURRENT", "READY", "AGE"}, table[0])
	assert.Equal(t, []string{"web", "1", "0", "0"}, table[1][:4], "one replica by default, none running yet")
	wide := rows(k.run("get", "rc", "-o", "wide"))
	assert.Equal(t, []string{"NAME", "DESIRED", "CURRENT", "READY", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"}, wide[0])
	assert.Equal(t, []string{"nginx", "nginx:1.27.0", "app=web"}, wide[1][5:])

	assert.Equal(t, "replicationcontroller/web scaled\n", k.run("scale", "rc", "web", "--replicas=3"))
	assert.Equal(t, "3", rows(k.run("get", "rc", "web"))[1][1])

	yaml := k.run("get", "rc", "web", "-o", "yaml")
	assert.Contains(t, yaml, "selector:\n    app: web", "the selector defaults to the template's labels")
	assert.Contains(t, yaml, "labels:\n    app: web", "the RC's labels default to the template's")
	assert.Contains(t, yaml, "imagePullPolicy: IfNotPresent")
	assert.Contains(t, k.run("describe", "rc", "web"), "Selector:     app=web")
	assert.Contains(t, k.run("get", "all"), "replicationcontroller/web")

	bad := filepath.Join(k.work, "bad.yaml")
	require.NoError(t, os.WriteFile(bad, []byte(strings.Replace(rcManifest, "spec:\n  template:", "spec:\n  selector:\n    app: other\n  template:", 1)), 0o644))
	out, err := k.try("create", "-f", bad)
	assert.Error(t, err)
	assert.Contains(t, out, `The ReplicationController "web" is invalid: spec.template.metadata.labels: Invalid value: {"app":"web"}: `+"`selector` does not match template `labels`")
}
