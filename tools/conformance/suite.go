// This file runs Kubernetes' e2e binary on the listed tests.

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

func runSuite(ctx context.Context, binDir, kubeconfig string, patterns []pattern, junit, reportDir string, timeout time.Duration) error {
	log, err := os.Create(filepath.Join(reportDir, "e2e.log"))
	if err != nil {
		return err
	}
	defer log.Close()
	ctx, cancel := context.WithTimeout(ctx, timeout+time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(binDir, "e2e.test"),
		"--kubeconfig", kubeconfig,
		// skeleton: a cluster that is not on any cloud provider.
		"--provider=skeleton",
		// No service-account controller exists yet to make a "default"
		// service account in each test namespace, and no listed test runs a
		// pod that would need one.
		"--e2e-verify-service-account=false",
		"--ginkgo.focus", focusRegexp(patterns),
		"--ginkgo.junit-report", junit,
		"--ginkgo.timeout", timeout.String(),
		"--ginkgo.no-color",
		"--report-dir", reportDir,
	)
	cmd.Stdout, cmd.Stderr = log, log
	fmt.Printf("e2e: running %d patterns, log in %s\n", len(patterns), log.Name())
	err = cmd.Run()
	if _, statErr := os.Stat(junit); statErr != nil {
		// No report at all: the suite never got to the tests.
		return fmt.Errorf("the e2e suite wrote no report (%v); see %s", err, log.Name())
	}
	return nil // failed tests are in the report
}
