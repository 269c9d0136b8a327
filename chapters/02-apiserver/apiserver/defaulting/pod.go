// This file teaches what the apiserver fills in on every pod: the pod-wide
// policies (restartPolicy Always, dnsPolicy ClusterFirst, 30 seconds to stop,
// the default scheduler), each container's imagePullPolicy and termination
// message, ports as TCP, probe timings, and the admission defaults (priority
// 0, tolerate an unreachable node for 300 seconds). It mirrors
// SetObjectDefaults_Pod in Kubernetes v1.37
// pkg/apis/core/v1/zz_generated.defaults.go and the functions it calls in
// pkg/apis/core/v1/defaults.go, plus plugin/pkg/admission/priority and
// plugin/pkg/admission/defaulttolerationseconds.

package defaulting

import (
	corev1 "k8s.io/api/core/v1"
)

const (
	// defaultTerminationGracePeriodSeconds is how long a pod gets to stop.
	defaultTerminationGracePeriodSeconds = 30
	// defaultTolerationSeconds is how long a pod stays bound to a node that
	// is not ready or unreachable before it is evicted.
	defaultTolerationSeconds = 300
	// defaultVolumeMode is the file mode (0644) of files projected from a
	// secret, config map or the downward API.
	defaultVolumeMode = 0o644
)

// defaultPod fills in a pod. Pods get a few defaults that pod templates (in
// Deployments and ReplicaSets) do not, for historical reasons: those that
// change nothing until the pod exists.
func defaultPod(pod *corev1.Pod) {
	spec := &pod.Spec
	if spec.TerminationGracePeriodSeconds != nil && *spec.TerminationGracePeriodSeconds < 0 {
		spec.TerminationGracePeriodSeconds = ptr(int64(1))
	}
	for _, cs := range [][]corev1.Container{spec.Containers, spec.InitContainers} {
		for i := range cs {
			requestsFromLimits(&cs[i].Resources)
		}
	}
	if spec.EnableServiceLinks == nil {
		spec.EnableServiceLinks = ptr(corev1.DefaultEnableServiceLinks)
	}
	if spec.HostNetwork {
		// A pod on the host's network listens on the host's ports.
		for _, cs := range [][]corev1.Container{spec.Containers, spec.InitContainers} {
			for i := range cs {
				for j := range cs[i].Ports {
					if cs[i].Ports[j].HostPort == 0 {
						cs[i].Ports[j].HostPort = cs[i].Ports[j].ContainerPort
					}
				}
			}
		}
	}

	defaultPodSpec(spec)
	defaultPodStatus(&pod.Status)
	admitPod(pod)
}

// requestsFromLimits: a container that sets only limits requests as much as
// it limits.
func requestsFromLimits(r *corev1.ResourceRequirements) {
	if r.Limits == nil {
		return
	}
	if r.Requests == nil {
		r.Requests = corev1.ResourceList{}
	}
	for name, q := range r.Limits {
		if _, ok := r.Requests[name]; !ok {
			r.Requests[name] = q.DeepCopy()
		}
	}
}

// defaultPodStatus keeps the old single podIP and the podIPs list in step;
// podIP wins when they disagree, for the sake of old kubelets.
func defaultPodStatus(s *corev1.PodStatus) {
	switch {
	case s.PodIP != "" && len(s.PodIPs) == 0:
		s.PodIPs = []corev1.PodIP{{IP: s.PodIP}}
	case s.PodIP == "" && len(s.PodIPs) > 0:
		s.PodIP = s.PodIPs[0].IP
	case s.PodIP != "" && s.PodIPs[0].IP != s.PodIP:
		s.PodIPs = []corev1.PodIP{{IP: s.PodIP}}
	}
}

// admitPod applies what two admission plugins that every apiserver runs by
// default add to a pod: its priority (0, with no PriorityClass marked
// globalDefault, since the teaching cluster serves none) and tolerations
// that keep it on a not-ready or unreachable node for five minutes.
func admitPod(pod *corev1.Pod) {
	spec := &pod.Spec
	if spec.PriorityClassName == "" {
		if spec.Priority == nil {
			spec.Priority = ptr(int32(0))
		}
		if spec.PreemptionPolicy == nil {
			spec.PreemptionPolicy = ptr(corev1.PreemptLowerPriority)
		}
	}

	toleratesNotReady, toleratesUnreachable := false, false
	for _, t := range spec.Tolerations {
		noExecute := t.Effect == corev1.TaintEffectNoExecute || t.Effect == ""
		if (t.Key == corev1.TaintNodeNotReady || t.Key == "") && noExecute {
			toleratesNotReady = true
		}
		if (t.Key == corev1.TaintNodeUnreachable || t.Key == "") && noExecute {
			toleratesUnreachable = true
		}
	}
	if !toleratesNotReady {
		spec.Tolerations = append(spec.Tolerations, corev1.Toleration{Key: corev1.TaintNodeNotReady,
			Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: ptr(int64(defaultTolerationSeconds))})
	}
	if !toleratesUnreachable {
		spec.Tolerations = append(spec.Tolerations, corev1.Toleration{Key: corev1.TaintNodeUnreachable,
			Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: ptr(int64(defaultTolerationSeconds))})
	}
}

// defaultPodSpec fills in a pod spec, in a pod or in a pod template.
func defaultPodSpec(spec *corev1.PodSpec) {
	// serviceAccount is the old name of serviceAccountName; they are kept
	// equal, the new name winning.
	if spec.ServiceAccountName == "" {
		spec.ServiceAccountName = spec.DeprecatedServiceAccount //nolint:staticcheck // kept in step on purpose
	}
	spec.DeprecatedServiceAccount = spec.ServiceAccountName //nolint:staticcheck // kept in step on purpose
	if spec.DNSPolicy == "" {
		spec.DNSPolicy = corev1.DNSClusterFirst
	}
	if spec.RestartPolicy == "" {
		spec.RestartPolicy = corev1.RestartPolicyAlways
	}
	if spec.SecurityContext == nil {
		spec.SecurityContext = &corev1.PodSecurityContext{}
	}
	if spec.TerminationGracePeriodSeconds == nil {
		spec.TerminationGracePeriodSeconds = ptr(int64(defaultTerminationGracePeriodSeconds))
	}
	if spec.SchedulerName == "" {
		spec.SchedulerName = corev1.DefaultSchedulerName
	}
	for i := range spec.Volumes {
		defaultVolume(&spec.Volumes[i])
	}
	for i := range spec.InitContainers {
		defaultContainer(&spec.InitContainers[i])
	}
	for i := range spec.Containers {
		defaultContainer(&spec.Containers[i])
	}
	for i := range spec.EphemeralContainers {
		defaultContainer((*corev1.Container)(&spec.EphemeralContainers[i].EphemeralContainerCommon))
	}
}

func defaultContainer(c *corev1.Container) {
	if c.ImagePullPolicy == "" {
		c.ImagePullPolicy = imagePullPolicy(c.Image)
	}
	if c.TerminationMessagePath == "" {
		c.TerminationMessagePath = corev1.TerminationMessagePathDefault
	}
	if c.TerminationMessagePolicy == "" {
		c.TerminationMessagePolicy = corev1.TerminationMessageReadFile
	}
	for i := range c.Ports {
		if c.Ports[i].Protocol == "" {
			c.Ports[i].Protocol = corev1.ProtocolTCP
		}
	}
	for i := range c.Env {
		if from := c.Env[i].ValueFrom; from != nil && from.FieldRef != nil && from.FieldRef.APIVersion == "" {
			from.FieldRef.APIVersion = "v1"
		}
	}
	roundUpToMilli(c.Resources.Limits)
	roundUpToMilli(c.Resources.Requests)
	for _, p := range []*corev1.Probe{c.LivenessProbe, c.ReadinessProbe, c.StartupProbe} {
		defaultProbe(p)
	}
	if c.Lifecycle != nil {
		for _, h := range []*corev1.LifecycleHandler{c.Lifecycle.PostStart, c.Lifecycle.PreStop} {
			if h != nil {
				defaultHTTPGet(h.HTTPGet)
			}
		}
	}
}

// imagePullPolicy is the pull policy of a container that names none:
// Always for an image tagged :latest — or not tagged at all, which means
// :latest — so that a moving tag is fetched again, IfNotPresent for a fixed
// tag or a digest.
func imagePullPolicy(image string) corev1.PullPolicy {
	// TODO(chapter 2): write image-pull-policy.
	// Hint: Kubernetes' default follows from whether the name can mean new bytes tomorrow: the tag
	// Hint: "latest" (which is also what no tag and no digest mean) is pulled Always; any other tag
	// Hint: or a digest IfNotPresent, because what the node already has is right. Read the tag as a
	// Hint: registry client does: in "host:5000/app" the colon belongs to the host. An image that
	// Hint: does not parse gets IfNotPresent; validation reports it later.
	panic("TODO(chapter 2): image-pull-policy is not written yet (see chapters/02-apiserver/README.md)")
}

func defaultProbe(p *corev1.Probe) {
	if p == nil {
		return
	}
	if p.TimeoutSeconds == 0 {
		p.TimeoutSeconds = 1
	}
	if p.PeriodSeconds == 0 {
		p.PeriodSeconds = 10
	}
	if p.SuccessThreshold == 0 {
		p.SuccessThreshold = 1
	}
	if p.FailureThreshold == 0 {
		p.FailureThreshold = 3
	}
	defaultHTTPGet(p.HTTPGet)
	if p.GRPC != nil && p.GRPC.Service == nil {
		p.GRPC.Service = ptr("")
	}
}

func defaultHTTPGet(h *corev1.HTTPGetAction) {
	if h == nil {
		return
	}
	if h.Path == "" {
		h.Path = "/"
	}
	if h.Scheme == "" {
		h.Scheme = corev1.URISchemeHTTP
	}
}

func defaultVolume(v *corev1.Volume) {
	src := &v.VolumeSource
	if *src == (corev1.VolumeSource{}) {
		// A volume that names no source is a scratch directory.
		src.EmptyDir = &corev1.EmptyDirVolumeSource{}
	}
	if src.Image != nil && src.Image.PullPolicy == "" {
		src.Image.PullPolicy = imagePullPolicy(src.Image.Reference)
	}
	if src.HostPath != nil && src.HostPath.Type == nil {
		src.HostPath.Type = ptr(corev1.HostPathUnset)
	}
	if src.Secret != nil && src.Secret.DefaultMode == nil {
		src.Secret.DefaultMode = ptr(int32(defaultVolumeMode))
	}
	if src.ConfigMap != nil && src.ConfigMap.DefaultMode == nil {
		src.ConfigMap.DefaultMode = ptr(int32(defaultVolumeMode))
	}
	if src.DownwardAPI != nil {
		if src.DownwardAPI.DefaultMode == nil {
			src.DownwardAPI.DefaultMode = ptr(int32(defaultVolumeMode))
		}
		for i := range src.DownwardAPI.Items {
			if f := src.DownwardAPI.Items[i].FieldRef; f != nil && f.APIVersion == "" {
				f.APIVersion = "v1"
			}
		}
	}
	if src.Projected != nil {
		if src.Projected.DefaultMode == nil {
			src.Projected.DefaultMode = ptr(int32(defaultVolumeMode))
		}
		for i := range src.Projected.Sources {
			s := &src.Projected.Sources[i]
			if s.DownwardAPI != nil {
				for j := range s.DownwardAPI.Items {
					if f := s.DownwardAPI.Items[j].FieldRef; f != nil && f.APIVersion == "" {
						f.APIVersion = "v1"
					}
				}
			}
			if s.ServiceAccountToken != nil && s.ServiceAccountToken.ExpirationSeconds == nil {
				s.ServiceAccountToken.ExpirationSeconds = ptr(int64(3600))
			}
		}
	}
}

// roundUpToMilli rounds quantities up to a thousandth (cpu: "0.0001" → "1m"),
// the finest unit Kubernetes keeps.
func roundUpToMilli(list corev1.ResourceList) {
	for name, q := range list {
		q.RoundUp(-3)
		list[name] = q
	}
}

func ptr[T any](v T) *T { return &v }
