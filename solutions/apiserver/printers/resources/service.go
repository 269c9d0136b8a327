// This file teaches how a Service and its Endpoints read in a table: the
// CLUSTER-IP that the proxy answers on, the EXTERNAL-IP by service type,
// PORT(S) as port[:nodePort]/protocol, and the first few pod addresses
// behind the service. It mirrors printService and printEndpoints in
// Kubernetes v1.37 pkg/printers/internalversion/printers.go.

package resources

import (
	"fmt"
	"net"
	"sort"
	"strconv"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
)

// loadBalancerWidth is how many characters of a load balancer's addresses
// fit in the narrow EXTERNAL-IP column before it is cut with "...".
const loadBalancerWidth = 16

// maxEndpoints is how many addresses the ENDPOINTS column lists before it
// says "+ N more...".
const maxEndpoints = 3

func serviceColumns() []metav1.TableColumnDefinition {
	doc := corev1.ServiceSpec{}.SwaggerDoc()
	return []metav1.TableColumnDefinition{
		NameColumn(),
		{Name: "Type", Type: "string", Description: doc["type"]},
		{Name: "Cluster-IP", Type: "string", Description: doc["clusterIP"]},
		{Name: "External-IP", Type: "string", Description: doc["externalIPs"]},
		{Name: "Port(s)", Type: "string", Description: doc["ports"]},
		AgeColumn(),
		{Name: "Selector", Type: "string", Priority: 1, Description: doc["selector"]},
	}
}

func printService(obj runtime.Object, now time.Time, wide bool) (metav1.TableRow, error) {
	svc := obj.(*corev1.Service)
	clusterIP := "<none>"
	switch {
	case len(svc.Spec.ClusterIPs) > 0:
		clusterIP = svc.Spec.ClusterIPs[0]
	case svc.Spec.ClusterIP != "":
		clusterIP = svc.Spec.ClusterIP
	}
	ports := servicePorts(svc.Spec.Ports)
	if ports == "" {
		ports = "<none>"
	}
	return metav1.TableRow{Cells: []interface{}{
		svc.Name,
		string(svc.Spec.Type),
		clusterIP,
		externalIP(svc, wide),
		ports,
		Age(svc.CreationTimestamp, now),
		labels.FormatLabels(svc.Spec.Selector),
	}}, nil
}

// servicePorts is the PORT(S) column, e.g. "80:31234/TCP,443/TCP".
func servicePorts(ports []corev1.ServicePort) string {
	pieces := make([]string, len(ports))
	for i, p := range ports {
		if p.NodePort > 0 {
			pieces[i] = fmt.Sprintf("%d:%d/%s", p.Port, p.NodePort, p.Protocol)
		} else {
			pieces[i] = fmt.Sprintf("%d/%s", p.Port, p.Protocol)
		}
	}
	return strings.Join(pieces, ",")
}

// externalIP is the EXTERNAL-IP column. A LoadBalancer without an address
// yet is "<pending>"; an ExternalName service shows the name it aliases.
func externalIP(svc *corev1.Service, wide bool) string {
	switch svc.Spec.Type {
	case corev1.ServiceTypeClusterIP, corev1.ServiceTypeNodePort:
		if len(svc.Spec.ExternalIPs) > 0 {
			return strings.Join(svc.Spec.ExternalIPs, ",")
		}
		return "<none>"
	case corev1.ServiceTypeLoadBalancer:
		lb := loadBalancerAddresses(svc.Status.LoadBalancer, wide)
		if len(svc.Spec.ExternalIPs) > 0 {
			var all []string
			if lb != "" {
				all = append(all, strings.Split(lb, ",")...)
			}
			return strings.Join(append(all, svc.Spec.ExternalIPs...), ",")
		}
		if lb != "" {
			return lb
		}
		return "<pending>"
	case corev1.ServiceTypeExternalName:
		return svc.Spec.ExternalName
	}
	return "<unknown>"
}

// loadBalancerAddresses lists a load balancer's IPs (or host names), sorted
// and without duplicates, cut to loadBalancerWidth unless wide.
func loadBalancerAddresses(s corev1.LoadBalancerStatus, wide bool) string {
	seen := map[string]bool{}
	var addrs []string
	for _, ing := range s.Ingress {
		a := ing.IP
		if a == "" {
			a = ing.Hostname
		}
		if a != "" && !seen[a] {
			seen[a] = true
			addrs = append(addrs, a)
		}
	}
	sort.Strings(addrs)
	r := strings.Join(addrs, ",")
	if !wide && len(r) > loadBalancerWidth {
		r = r[:loadBalancerWidth-3] + "..."
	}
	return r
}

func endpointsColumns() []metav1.TableColumnDefinition {
	return []metav1.TableColumnDefinition{
		NameColumn(),
		{Name: "Endpoints", Type: "string", Description: corev1.Endpoints{}.SwaggerDoc()["subsets"]},
		AgeColumn(),
	}
}

func printEndpoints(obj runtime.Object, now time.Time, wide bool) (metav1.TableRow, error) {
	ep := obj.(*corev1.Endpoints)
	return metav1.TableRow{Cells: []interface{}{ep.Name, endpointAddresses(ep), Age(ep.CreationTimestamp, now)}}, nil
}

// endpointAddresses is the ENDPOINTS column: ready addresses as ip:port
// (or bare IPs for a headless service without ports), at most maxEndpoints
// of them, then "+ N more...".
func endpointAddresses(ep *corev1.Endpoints) string {
	if len(ep.Subsets) == 0 {
		return "<none>"
	}
	var list []string
	count := 0
	add := func(s string) {
		count++
		if len(list) < maxEndpoints {
			list = append(list, s)
		}
	}
	for _, ss := range ep.Subsets {
		if len(ss.Ports) == 0 {
			for _, a := range ss.Addresses {
				add(a.IP)
			}
			continue
		}
		for _, p := range ss.Ports {
			for _, a := range ss.Addresses {
				add(net.JoinHostPort(a.IP, strconv.Itoa(int(p.Port))))
			}
		}
	}
	r := strings.Join(list, ",")
	if count > maxEndpoints {
		return fmt.Sprintf("%s + %d more...", r, count-maxEndpoints)
	}
	return r
}
