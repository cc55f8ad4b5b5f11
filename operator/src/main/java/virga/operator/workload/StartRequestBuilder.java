package virga.operator.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import virga.crds.v1alpha1.HostInterface;
import virga.crds.v1alpha1.LocalObjectReference;
import virga.crds.v1alpha1.Workload;
import virga.crds.v1alpha1.WorkloadComponent;
import virga.crds.v1alpha1.WorkloadService;
import virga.crds.v1alpha1.WorkloadSpec;
import virga.operator.config.ConfigMaterializer;
import virga.operator.config.ConfigRef;
import virga.operator.config.ConfigSource;
import virga.operator.config.MissingConfigException;
import virga.protocol.v2.Component;
import virga.protocol.v2.EmptyDirVolume;
import virga.protocol.v2.HostPathVolume;
import virga.protocol.v2.ImagePullPolicy;
import virga.protocol.v2.ImagePullSecret;
import virga.protocol.v2.LocalResources;
import virga.protocol.v2.Service;
import virga.protocol.v2.Volume;
import virga.protocol.v2.VolumeMount;
import virga.protocol.v2.WitInterface;
import virga.protocol.v2.WitWorld;
import virga.protocol.v2.WorkloadStartRequest;

/**
 * Builds the {@code WorkloadStartRequest} for a Workload (wasmCloud's Placement step): the
 * Workload's UID as workload id, host interfaces and environments with materialised config, pull
 * credentials, volumes and the service. Pure apart from the {@link ConfigSource} it reads.
 */
public final class StartRequestBuilder {
  /** Annotations that are not forwarded to the host. */
  static final List<String> PRIVATE_ANNOTATIONS =
      List.of("kubectl.kubernetes.io/last-applied-configuration", WorkloadAnnotations.CONFIG_HASH);

  private StartRequestBuilder() {}

  /** The request for {@code workload}. */
  public static WorkloadStartRequest build(Workload workload, ConfigSource source)
      throws MissingConfigException {
    String ns = workload.getMetadata().getNamespace();
    WorkloadSpec spec = workload.getSpec();
    WitWorld.Builder world = WitWorld.newBuilder();
    for (HostInterface hi : nonNull(spec.getHostInterfaces())) {
      world.addHostInterfaces(hostInterface(hi, ns, source, spec));
    }
    for (WorkloadComponent c : nonNull(spec.getComponents())) {
      Component.Builder b =
          Component.newBuilder()
              .setName(c.getName())
              .setImage(c.getImage())
              .setImagePullPolicy(pullPolicy(c.getImagePullPolicy()))
              .setLocalResources(localResources(c.getLocalResources(), ns, source));
      if (c.getPoolSize() != null) {
        b.setPoolSize(c.getPoolSize());
      }
      if (c.getMaxInvocations() != null) {
        b.setMaxInvocations(c.getMaxInvocations());
      }
      if (c.getMaxConcurrency() != null) {
        b.setMaxConcurrency(c.getMaxConcurrency());
      }
      pullSecret(c.getImage(), c.getImagePullSecret(), ns, source).ifPresent(b::setImagePullSecret);
      world.addComponents(b);
    }
    virga.protocol.v2.Workload.Builder w =
        virga.protocol.v2.Workload.newBuilder()
            .setNamespace(ns)
            .setName(workload.getMetadata().getName())
            .setWitWorld(world);
    Map<String, String> annotations = workload.getMetadata().getAnnotations();
    if (annotations != null) {
      annotations.forEach(
          (k, v) -> {
            if (!PRIVATE_ANNOTATIONS.contains(k)) {
              w.putAnnotations(k, v);
            }
          });
    }
    if (spec.getService() != null) {
      w.setService(service(spec.getService(), ns, source));
    }
    for (virga.crds.v1alpha1.Volume v : nonNull(spec.getVolumes())) {
      Volume.Builder vb = Volume.newBuilder().setName(v.getName());
      if (v.getHostPath() != null) {
        vb.setHostPath(HostPathVolume.newBuilder().setLocalPath(v.getHostPath().getPath()));
      } else {
        vb.setEmptyDir(EmptyDirVolume.getDefaultInstance());
      }
      w.addVolumes(vb);
    }
    return WorkloadStartRequest.newBuilder()
        .setWorkloadId(workload.getMetadata().getUid())
        .setWorkload(w)
        .build();
  }

  private static WitInterface hostInterface(
      HostInterface hi, String ns, ConfigSource source, WorkloadSpec spec)
      throws MissingConfigException {
    Map<String, String> config = ConfigMaterializer.materialize(hi, ns, source);
    List<String> interfaces = nonNull(hi.getInterfaces());
    if (spec.getKubernetes() != null
        && spec.getKubernetes().getService() != null
        && "wasi".equals(hi.getNamespace())
        && "http".equals(hi.getPackageName())
        && interfaces.contains("incoming-handler")) {
      String svc = spec.getKubernetes().getService().getName();
      config = new LinkedHashMap<>(config);
      config.put("host-aliases", svc + "." + ns + "," + svc + "." + ns + ".svc");
    }
    WitInterface.Builder b =
        WitInterface.newBuilder()
            .setNamespace(hi.getNamespace())
            .setPackage(hi.getPackageName())
            .addAllInterfaces(interfaces)
            .putAllConfig(config);
    if (hi.getVersion() != null) {
      b.setVersion(hi.getVersion());
    }
    if (hi.getName() != null) {
      b.setName(hi.getName());
    }
    return b.build();
  }

  private static Service service(WorkloadService s, String ns, ConfigSource source)
      throws MissingConfigException {
    Service.Builder b =
        Service.newBuilder()
            .setImage(s.getImage())
            .setImagePullPolicy(pullPolicy(s.getImagePullPolicy()))
            .setLocalResources(localResources(s.getLocalResources(), ns, source))
            .setMaxRestarts(s.getMaxRestarts() == null ? 0 : Math.max(0, s.getMaxRestarts()));
    pullSecret(s.getImage(), s.getImagePullSecret(), ns, source).ifPresent(b::setImagePullSecret);
    return b.build();
  }

  /** LocalResources with the environment layer materialised. */
  static LocalResources localResources(
      virga.crds.v1alpha1.LocalResources lr, String ns, ConfigSource source)
      throws MissingConfigException {
    LocalResources.Builder b = LocalResources.newBuilder();
    if (lr == null) {
      return b.build();
    }
    b.putAllEnvironment(ConfigMaterializer.materialize(lr.getEnvironment(), ns, source));
    if (lr.getConfig() != null) {
      b.putAllConfig(lr.getConfig());
    }
    for (virga.crds.v1alpha1.VolumeMount m : nonNull(lr.getVolumeMounts())) {
      b.addVolumeMounts(
          VolumeMount.newBuilder()
              .setName(m.getName())
              .setMountPath(m.getMountPath())
              .setReadOnly(Boolean.TRUE.equals(m.getReadOnly())));
    }
    b.addAllAllowedHosts(nonNull(lr.getAllowedHosts()));
    b.addAllAllowedIpNameLookups(nonNull(lr.getAllowedIpNameLookups()));
    b.addAllAllowedHostLoopbackPorts(nonNull(lr.getAllowedHostLoopbackPorts()));
    return b.build();
  }

  static ImagePullPolicy pullPolicy(String policy) {
    if (policy == null) {
      return ImagePullPolicy.IMAGE_PULL_POLICY_UNSPECIFIED;
    }
    return switch (policy) {
      case "Always" -> ImagePullPolicy.IMAGE_PULL_POLICY_ALWAYS;
      case "IfNotPresent" -> ImagePullPolicy.IMAGE_PULL_POLICY_IF_NOT_PRESENT;
      case "Never" -> ImagePullPolicy.IMAGE_PULL_POLICY_NEVER;
      default -> ImagePullPolicy.IMAGE_PULL_POLICY_UNSPECIFIED;
    };
  }

  private static Optional<ImagePullSecret> pullSecret(
      String image, LocalObjectReference ref, String ns, ConfigSource source)
      throws MissingConfigException {
    if (ref == null || ref.getName() == null || ref.getName().isEmpty()) {
      return Optional.empty();
    }
    ConfigRef secret = ConfigRef.secret(ns, ref.getName());
    Map<String, String> data = source.read(secret);
    try {
      return PullSecrets.forImage(image, data);
    } catch (IllegalArgumentException e) {
      throw new MissingConfigException(secret, "image pull " + secret + " " + e.getMessage());
    }
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
