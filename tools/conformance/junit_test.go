package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

const sampleJUnit = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites><testsuite name="Kubernetes e2e suite">
 <testcase name="[ReportBeforeSuite]" time="0" status="passed"></testcase>
 <testcase name="[sig-api-machinery] Watchers should observe add, update, and delete watch notifications on configmaps [Conformance]" time="1.5" status="passed"></testcase>
 <testcase name="[sig-node] Secrets should patch a secret [Conformance]" time="0.2" status="failed"><failure message="failed to delete patched secret&#xA;more">trace</failure></testcase>
 <testcase name="[sig-apps] Deployment should run the lifecycle of a Deployment [Conformance]" time="0" status="skipped"><skipped message="skipped"></skipped></testcase>
</testsuite></testsuites>`

func TestReadJUnitAndPrint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "junit.xml")
	if err := os.WriteFile(path, []byte(sampleJUnit), 0o644); err != nil {
		t.Fatal(err)
	}
	results, err := readJUnit(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 3 {
		t.Fatalf("want 3 results (suite nodes hidden when they pass), got %d: %+v", len(results), results)
	}
	var out bytes.Buffer
	patterns := []pattern{{Text: "[sig-api-machinery] Watchers", Chapter: "02"}, {Text: "[sig-node] Secrets should patch a secret", Chapter: "02"}, {Text: "[sig-node] Typo", Chapter: "02"}}
	passed, failed := printResults(&out, results, patterns)
	if passed != 1 || failed != 2 {
		t.Fatalf("want 1 passed, 2 failed (one failure, one pattern matching nothing), got %d, %d:\n%s", passed, failed, out.String())
	}
	for _, want := range []string{"PASS  [sig-api-machinery] Watchers", "FAIL  [sig-node] Secrets should patch a secret", "failed to delete patched secret\n", `no test ran for "[sig-node] Typo"`} {
		if !bytes.Contains(out.Bytes(), []byte(want)) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestFocusQuotesBrackets(t *testing.T) {
	got := focusRegexp([]pattern{{Text: "[sig-node] Lease"}, {Text: "a.b"}})
	if got != `\[sig-node\] Lease|a\.b` {
		t.Fatalf("focus %q", got)
	}
}
