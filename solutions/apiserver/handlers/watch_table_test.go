package handlers_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// TestTableWatchSendsColumnsOnce is what `kubectl get pods --watch` sees:
// the column headers with the first event, and only rows after it.
//
// hint: kubectl prints the header line once; a watch that repeats the columns with every event
// hint: wastes bytes on every change. Send them with the first event that carries a Table, not after.
func TestTableWatchSendsColumnsOnce(t *testing.T) {
	api := newAPI(t)
	srv := httptest.NewServer(api)
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", srv.URL+"/api/v1/namespaces/default/pods?watch=true&timeoutSeconds=10", nil)
	require.NoError(t, err)
	req.Header.Set("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()

	serve(t, api, "POST", "/api/v1/namespaces/default/pods", pod, 201)
	serve(t, api, "POST", "/api/v1/namespaces/default/pods", strings.Replace(pod, `"web"`, `"other"`, 1), 201)

	events := bufio.NewReader(resp.Body)
	for i, wantColumns := range []bool{true, false} {
		line, err := events.ReadBytes('\n')
		require.NoError(t, err, "event %d", i+1)
		var ev metav1.WatchEvent
		require.NoError(t, json.Unmarshal(line, &ev))
		var table metav1.Table
		require.NoError(t, json.Unmarshal(ev.Object.Raw, &table))
		assert.Equal(t, "Table", table.Kind)
		assert.Len(t, table.Rows, 1, "event %d carries its one object", i+1)
		assert.Equal(t, wantColumns, len(table.ColumnDefinitions) > 0, "event %d: columns only with the first event", i+1)
	}
}
