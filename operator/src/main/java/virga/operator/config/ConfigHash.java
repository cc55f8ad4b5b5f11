package virga.operator.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import virga.crds.v1alpha1.WorkloadSpec;
import virga.protocol.manifest.ConfigMaterializer;
import virga.protocol.manifest.ConfigRef;
import virga.protocol.manifest.ConfigSource;
import virga.protocol.manifest.MissingConfigException;

/**
 * What the operator watches of a Workload's config: the ConfigMaps and Secrets its spec refers to,
 * and a digest of their data that changes when and only when that data changes.
 */
public final class ConfigHash {
  private ConfigHash() {}

  /**
   * Every ConfigMap and Secret the spec refers to (host interfaces, component and service
   * environments), without duplicates, in spec order.
   */
  public static List<ConfigRef> references(WorkloadSpec spec, String namespace) {
    return spec == null ? List.of() : ConfigMaterializer.references(SpecTrees.of(spec), namespace);
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
}
