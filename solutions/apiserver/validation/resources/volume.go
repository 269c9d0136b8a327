// This file teaches the rules for a pod's volumes: a unique name that is a
// DNS label and exactly one source (an emptyDir, a hostPath, a secret...).
// It mirrors ValidateVolumes and validateVolumeSource in Kubernetes v1.37
// pkg/apis/core/validation/validation.go, for the sources the teaching
// cluster's kubelet mounts; other sources are counted, not inspected.

package resources

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// validateVolumes returns the names of the valid volumes (which mounts may
// refer to) and the problems of the others.
func validateVolumes(volumes []corev1.Volume, fldPath *field.Path) (map[string]bool, field.ErrorList) {
	var allErrs field.ErrorList
	valid := map[string]bool{}
	seen := map[string]bool{}
	for i, v := range volumes {
		idxPath := fldPath.Index(i)
		namePath := idxPath.Child("name")
		errs := validateVolumeSource(&v.VolumeSource, idxPath)
		if v.Name == "" {
			errs = append(errs, field.Required(namePath, ""))
		} else {
			errs = append(errs, dnsLabel(v.Name, namePath)...)
		}
		if seen[v.Name] {
			errs = append(errs, field.Duplicate(namePath, v.Name))
		}
		if len(errs) == 0 {
			seen[v.Name] = true
			valid[v.Name] = true
		}
		allErrs = append(allErrs, errs...)
	}
	return valid, allErrs
}

// validateVolumeSource checks that exactly one source is set, in the order
// Kubernetes looks at them, and the details of the common ones.
func validateVolumeSource(src *corev1.VolumeSource, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	sources := 0
	one := func(name string, set bool, check func(*field.Path) field.ErrorList) {
		if !set {
			return
		}
		if sources > 0 {
			allErrs = append(allErrs, field.Forbidden(fldPath.Child(name), "may not specify more than 1 volume type"))
			return
		}
		sources++
		if check != nil {
			allErrs = append(allErrs, check(fldPath.Child(name))...)
		}
	}

	one("emptyDir", src.EmptyDir != nil, nil)
	one("hostPath", src.HostPath != nil, func(p *field.Path) field.ErrorList {
		if src.HostPath.Path == "" {
			return field.ErrorList{field.Required(p.Child("path"), "")}
		}
		return nil
	})
	one("gitRepo", src.GitRepo != nil, nil) //nolint:staticcheck // counted, as Kubernetes does
	one("gcePersistentDisk", src.GCEPersistentDisk != nil, nil)
	one("awsElasticBlockStore", src.AWSElasticBlockStore != nil, nil)
	one("secret", src.Secret != nil, func(p *field.Path) field.ErrorList {
		var errs field.ErrorList
		if src.Secret.SecretName == "" {
			errs = append(errs, field.Required(p.Child("secretName"), ""))
		}
		return append(errs, fileMode(src.Secret.DefaultMode, p.Child("defaultMode"))...)
	})
	one("nfs", src.NFS != nil, nil)
	one("iscsi", src.ISCSI != nil, nil)
	one("glusterfs", src.Glusterfs != nil, nil) //nolint:staticcheck // counted, as Kubernetes does
	one("persistentVolumeClaim", src.PersistentVolumeClaim != nil, func(p *field.Path) field.ErrorList {
		if src.PersistentVolumeClaim.ClaimName == "" {
			return field.ErrorList{field.Required(p.Child("claimName"), "")}
		}
		return nil
	})
	one("rbd", src.RBD != nil, nil)
	one("quobyte", src.Quobyte != nil, nil)
	one("flexVolume", src.FlexVolume != nil, nil)
	one("cinder", src.Cinder != nil, nil)
	one("cephfs", src.CephFS != nil, nil)
	one("flocker", src.Flocker != nil, nil)
	one("downwardAPI", src.DownwardAPI != nil, func(p *field.Path) field.ErrorList {
		return fileMode(src.DownwardAPI.DefaultMode, p.Child("defaultMode"))
	})
	one("fc", src.FC != nil, nil)
	one("azureFile", src.AzureFile != nil, nil)
	one("vsphereVolume", src.VsphereVolume != nil, nil)
	one("photonPersistentDisk", src.PhotonPersistentDisk != nil, nil)
	one("portworxVolume", src.PortworxVolume != nil, nil)
	one("azureDisk", src.AzureDisk != nil, nil)
	one("storageos", src.StorageOS != nil, nil)
	one("configMap", src.ConfigMap != nil, func(p *field.Path) field.ErrorList {
		var errs field.ErrorList
		if src.ConfigMap.Name == "" {
			errs = append(errs, field.Required(p.Child("name"), ""))
		}
		return append(errs, fileMode(src.ConfigMap.DefaultMode, p.Child("defaultMode"))...)
	})
	one("scaleIO", src.ScaleIO != nil, nil)
	one("projected", src.Projected != nil, func(p *field.Path) field.ErrorList {
		return fileMode(src.Projected.DefaultMode, p.Child("defaultMode"))
	})
	one("csi", src.CSI != nil, nil)
	one("ephemeral", src.Ephemeral != nil, nil)
	one("image", src.Image != nil, nil)

	if sources == 0 {
		allErrs = append(allErrs, field.Required(fldPath, "must specify a volume type"))
	}
	return allErrs
}

// fileMode: permission bits only (0000-0777).
func fileMode(mode *int32, fldPath *field.Path) field.ErrorList {
	if mode != nil && (*mode > 0o777 || *mode < 0) {
		return field.ErrorList{field.Invalid(fldPath, *mode, "must be a number between 0 and 0777 (octal), both inclusive")}
	}
	return nil
}
