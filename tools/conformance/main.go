// Command conformance judges the teaching cluster with Kubernetes' own
// end-to-end conformance tests (`make conformance`). It starts the cluster
// as `make up` does, gives it what the e2e suite expects of a cluster (a
// Ready, schedulable node), runs the tests listed in tests.txt with the e2e
// binary built from k8s.io/kubernetes v1.37.2, stops the cluster, and prints
// one line per test and a last line "N passed, N failed".
//
// It lives in its own module (tools/conformance/go.mod) so that the course
// module does not carry Kubernetes' e2e framework and its dependencies.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

func main() {
	var (
		listFile = flag.String("list", "tools/conformance/tests.txt", "the tests to run, one focus pattern per line")
		binDir   = flag.String("bin", "bin", "where kubectl and e2e.test are")
		kubeling = flag.String("kubeling", "bin/kubeling", "the cluster launcher to judge")
		report   = flag.String("report-dir", ".kubeling/conformance", "where the JUnit report and logs go")
		timeout  = flag.Duration("timeout", 9*time.Minute, "stop the suite after this long")
	)
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	passed, failed, err := run(ctx, *listFile, *binDir, *kubeling, *report, *timeout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "conformance:", err)
		os.Exit(2)
	}
	fmt.Printf("%d passed, %d failed\n", passed, failed)
	if failed > 0 || passed == 0 {
		os.Exit(1)
	}
}

func run(ctx context.Context, listFile, binDir, kubeling, reportDir string, timeout time.Duration) (passed, failed int, err error) {
	patterns, err := readList(listFile)
	if err != nil {
		return 0, 0, err
	}
	binDir, err = filepath.Abs(binDir)
	if err != nil {
		return 0, 0, err
	}
	if err := os.MkdirAll(reportDir, 0o755); err != nil {
		return 0, 0, err
	}
	reportDir, err = filepath.Abs(reportDir)
	if err != nil {
		return 0, 0, err
	}

	kubeling, err = filepath.Abs(kubeling)
	if err != nil {
		return 0, 0, err
	}
	cluster, err := startCluster(ctx, kubeling, binDir, reportDir)
	if err != nil {
		return 0, 0, err
	}
	defer cluster.stop()
	if err := cluster.waitForNodes(ctx); err != nil {
		return 0, 0, err
	}

	start := time.Now()
	junit := filepath.Join(reportDir, "junit.xml")
	if err := runSuite(ctx, binDir, cluster.kubeconfig, patterns, junit, reportDir, timeout); err != nil {
		return 0, 0, err
	}
	results, err := readJUnit(junit)
	if err != nil {
		return 0, 0, err
	}
	passed, failed = printResults(os.Stdout, results, patterns)
	fmt.Printf("the suite took %s; JUnit report: %s\n", time.Since(start).Round(time.Second), junit)
	return passed, failed, nil
}
