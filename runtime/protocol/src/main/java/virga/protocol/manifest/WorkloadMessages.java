package virga.protocol.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import virga.protocol.v2.Workload;
import virga.protocol.v2.WorkloadStartRequest;

/**
 * Builds the {@code WorkloadStartRequest} for a Workload, as wasmCloud's Placement step: host
 * interfaces and environments with materialised config, pull credentials, pool sizes, volumes and
 * the service, plus the {@code host-aliases} of a Kubernetes Service (merged with the user's own,
 * where wasmCloud overwrites them; on {@code incoming-handler} and p3 {@code handler} entries). The
 * operator and the standalone host both build their requests here. Pure apart from the {@link
 * ConfigSource}.
 */
public final class WorkloadMessages {
  /**
   * Annotations that are bookkeeping of the object, not of the workload, and so never reach the
   * host: kubectl's copy of the last applied manifest and the operator's config content hash.
   */
  public static final List<String> PRIVATE_ANNOTATIONS =
      List.of(
          "kubectl.kubernetes.io/last-applied-configuration", "runtime.wasmcloud.dev/config-hash");

  /** The {@code wasi:http} config key of the extra host names a workload answers to. */
  public static final String HOST_ALIASES = "host-aliases";

  private WorkloadMessages() {}

  /** The request that starts {@code workload} under {@code workloadId}. */
  public static WorkloadStartRequest startRequest(
      String workloadId, WorkloadObject workload, ConfigSource source)
      throws MissingConfigException {
    return WorkloadStartRequest.newBuilder()
        .setWorkloadId(workloadId)
        .setWorkload(workload(workload, source))
        .build();
  }

  /** The protocol's {@code Workload} message for {@code workload}. */
  public static Workload workload(WorkloadObject workload, ConfigSource source)
      throws MissingConfigException {
    String ns = workload.namespace();
    JsonNode spec = workload.spec();
    WitWorld.Builder world = WitWorld.newBuilder();
    for (JsonNode hi : Trees.list(spec, "hostInterfaces")) {
      world.addHostInterfaces(hostInterface(hi, ns, source, spec));
    }
    for (JsonNode c : Trees.list(spec, "components")) {
      world.addComponents(component(c, ns, source));
    }
    Workload.Builder w =
        Workload.newBuilder().setNamespace(ns).setName(workload.name()).setWitWorld(world);
    if (workload.annotations() != null) {
      workload
          .annotations()
          .forEach(
              (k, v) -> {
                if (!PRIVATE_ANNOTATIONS.contains(k)) {
                  w.putAnnotations(k, v);
                }
              });
    }
    JsonNode service = Trees.node(spec, "service");
    if (service != null) {
      w.setService(service(service, ns, source));
    }
    for (JsonNode v : Trees.list(spec, "volumes")) {
      Volume.Builder vb = Volume.newBuilder().setName(Trees.text(v, "name"));
      JsonNode hostPath = Trees.node(v, "hostPath");
      if (hostPath != null) {
        vb.setHostPath(HostPathVolume.newBuilder().setLocalPath(Trees.text(hostPath, "path")));
      } else {
        vb.setEmptyDir(EmptyDirVolume.getDefaultInstance());
      }
      w.addVolumes(vb);
    }
    return w.build();
  }

  private static Component component(JsonNode c, String ns, ConfigSource source)
      throws MissingConfigException {
    String image = Trees.text(c, "image");
    Component.Builder b =
        Component.newBuilder()
            .setName(Trees.text(c, "name"))
            .setImage(image)
            .setImagePullPolicy(pullPolicy(Trees.text(c, "imagePullPolicy")))
            .setLocalResources(localResources(Trees.node(c, "localResources"), ns, source));
    Integer poolSize = Trees.integer(c, "poolSize");
    if (poolSize != null) {
      b.setPoolSize(poolSize);
    }
    Integer maxInvocations = Trees.integer(c, "maxInvocations");
    if (maxInvocations != null) {
      b.setMaxInvocations(maxInvocations);
    }
    Integer maxConcurrency = Trees.integer(c, "maxConcurrency");
    if (maxConcurrency != null) {
      b.setMaxConcurrency(maxConcurrency);
    }
    pullSecret(image, Trees.node(c, "imagePullSecret"), ns, source)
        .ifPresent(b::setImagePullSecret);
    return b.build();
  }

  private static WitInterface hostInterface(
      JsonNode hi, String ns, ConfigSource source, JsonNode spec) throws MissingConfigException {
    Map<String, String> config = ConfigMaterializer.materialize(hi, ns, source);
    String namespace = Trees.text(hi, "namespace");
    String pkg = Trees.text(hi, "package");
    List<String> interfaces = Trees.strings(hi, "interfaces");
    JsonNode k8sService = Trees.node(Trees.node(spec, "kubernetes"), "service");
    if (k8sService != null
        && "wasi".equals(namespace)
        && "http".equals(pkg)
        && (interfaces.contains("incoming-handler") || interfaces.contains("handler"))) {
      // what the operator's EndpointSlice makes reachable: the Service's in-cluster DNS names
      String svc = Trees.text(k8sService, "name");
      config = new LinkedHashMap<>(config);
      config.put(
          HOST_ALIASES,
          mergeAliases(config.get(HOST_ALIASES), List.of(svc + "." + ns, svc + "." + ns + ".svc")));
    }
    WitInterface.Builder b =
        WitInterface.newBuilder()
            .setNamespace(namespace)
            .setPackage(pkg)
            .addAllInterfaces(interfaces)
            .putAllConfig(config);
    String version = Trees.text(hi, "version");
    if (version != null) {
      b.setVersion(version);
    }
    String name = Trees.text(hi, "name");
    if (name != null) {
      b.setName(name);
    }
    return b.build();
  }

  private static Service service(JsonNode s, String ns, ConfigSource source)
      throws MissingConfigException {
    String image = Trees.text(s, "image");
    Integer maxRestarts = Trees.integer(s, "maxRestarts");
    Service.Builder b =
        Service.newBuilder()
            .setImage(image)
            .setImagePullPolicy(pullPolicy(Trees.text(s, "imagePullPolicy")))
            .setLocalResources(localResources(Trees.node(s, "localResources"), ns, source))
            .setMaxRestarts(maxRestarts == null ? 0 : Math.max(0, maxRestarts));
    pullSecret(image, Trees.node(s, "imagePullSecret"), ns, source)
        .ifPresent(b::setImagePullSecret);
    return b.build();
  }

  /** LocalResources with the environment layer materialised (null: the empty message). */
  static LocalResources localResources(JsonNode lr, String ns, ConfigSource source)
      throws MissingConfigException {
    LocalResources.Builder b = LocalResources.newBuilder();
    if (lr == null || lr.isNull()) {
      return b.build();
    }
    b.putAllEnvironment(ConfigMaterializer.materialize(Trees.node(lr, "environment"), ns, source));
    Map<String, String> config = Trees.stringMap(lr, "config");
    if (config != null) {
      b.putAllConfig(config);
    }
    for (JsonNode m : Trees.list(lr, "volumeMounts")) {
      JsonNode readOnly = Trees.node(m, "readOnly");
      b.addVolumeMounts(
          VolumeMount.newBuilder()
              .setName(Trees.text(m, "name"))
              .setMountPath(Trees.text(m, "mountPath"))
              .setReadOnly(readOnly != null && readOnly.asBoolean()));
    }
    b.addAllAllowedHosts(Trees.strings(lr, "allowedHosts"));
    b.addAllAllowedIpNameLookups(Trees.strings(lr, "allowedIpNameLookups"));
    b.addAllAllowedHostLoopbackPorts(Trees.strings(lr, "allowedHostLoopbackPorts"));
    return b.build();
  }

  /**
   * The user's comma-separated {@code host-aliases} (trimmed, empty entries dropped, order kept)
   * followed by those of {@code added} it does not have yet. wasmCloud replaces the user's aliases
   * with the Service's names; merging keeps both reachable.
   */
  static String mergeAliases(String user, List<String> added) {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    if (user != null) {
      for (String a : user.split(",")) {
        if (!a.isBlank()) {
          out.add(a.trim());
        }
      }
    }
    out.addAll(added);
    return String.join(",", out);
  }

  /** {@code Always}, {@code IfNotPresent}, {@code Never}; anything else is unspecified. */
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
      String image, JsonNode ref, String ns, ConfigSource source) throws MissingConfigException {
    String name = Trees.text(ref, "name");
    if (name == null || name.isEmpty()) {
      return Optional.empty();
    }
    ConfigRef secret = ConfigRef.secret(ns, name);
    Map<String, String> data = source.read(secret);
    try {
      return PullSecrets.forImage(image, data);
    } catch (IllegalArgumentException e) {
      throw new MissingConfigException(secret, "image pull " + secret + " " + e.getMessage());
    }
  }
}
