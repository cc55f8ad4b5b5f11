package virga.operator.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import virga.crds.v1alpha1.ConfigLayer;
import virga.crds.v1alpha1.HostInterface;
import virga.crds.v1alpha1.LocalObjectReference;
import virga.crds.v1alpha1.LocalResources;
import virga.crds.v1alpha1.WorkloadComponent;
import virga.crds.v1alpha1.WorkloadSpec;

/**
 * Turns config layers into plain maps, as wasmCloud's {@code MaterializeConfigLayer}: inline {@code
 * config} &lt; every {@code configFrom} ConfigMap in list order &lt; every {@code secretFrom}
 * Secret in list order. Pure apart from the {@link ConfigSource} it reads.
 */
public final class ConfigMaterializer {
  private ConfigMaterializer() {}

  /** The merged map of one layer (null layer: empty). */
  public static Map<String, String> materialize(
      ConfigLayer layer, String namespace, ConfigSource source) throws MissingConfigException {
    Map<String, String> out = new LinkedHashMap<>();
    if (layer == null) {
      return out;
    }
    if (layer.getConfig() != null) {
      out.putAll(layer.getConfig());
    }
    for (ConfigRef ref : refs(layer, namespace)) {
      out.putAll(source.read(ref));
    }
    return out;
  }

  /** The ConfigMaps then Secrets of one layer, in precedence order. */
  public static List<ConfigRef> refs(ConfigLayer layer, String namespace) {
    List<ConfigRef> out = new ArrayList<>();
    if (layer == null) {
      return out;
    }
    for (LocalObjectReference r : nonNull(layer.getConfigFrom())) {
      out.add(ConfigRef.configMap(namespace, r.getName()));
    }
    for (LocalObjectReference r : nonNull(layer.getSecretFrom())) {
      out.add(ConfigRef.secret(namespace, r.getName()));
    }
    return out;
  }

  /**
   * Every ConfigMap and Secret the spec refers to (host interfaces, component and service
   * environments), without duplicates, in spec order.
   */
  public static List<ConfigRef> references(WorkloadSpec spec, String namespace) {
    Set<ConfigRef> out = new LinkedHashSet<>();
    if (spec == null) {
      return List.of();
    }
    for (HostInterface hi : nonNull(spec.getHostInterfaces())) {
      out.addAll(refs(hi, namespace));
    }
    for (WorkloadComponent c : nonNull(spec.getComponents())) {
      out.addAll(environmentRefs(c.getLocalResources(), namespace));
    }
    if (spec.getService() != null) {
      out.addAll(environmentRefs(spec.getService().getLocalResources(), namespace));
    }
    return List.copyOf(out);
  }

  /**
   * A SHA-256 over the data of every referenced object (kind, name, sorted keys and values): it
   * changes when and only when referenced data changes. The values go into the digest only.
   */
  public static String contentHash(WorkloadSpec spec, String namespace, ConfigSource source)
      throws MissingConfigException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (ConfigRef ref : references(spec, namespace)) {
      update(digest, ref.indexKey());
      for (Map.Entry<String, String> e : new TreeMap<>(source.read(ref)).entrySet()) {
        update(digest, e.getKey());
        update(digest, e.getValue());
      }
    }
    return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
  }

  private static void update(MessageDigest digest, String s) {
    byte[] bytes = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    // length-prefixed, so ("ab","c") and ("a","bc") differ
    digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    digest.update((byte) ':');
    digest.update(bytes);
  }

  private static List<ConfigRef> environmentRefs(LocalResources lr, String namespace) {
    return lr == null ? List.of() : refs(lr.getEnvironment(), namespace);
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
