package virga.operator.controller.replicaset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import virga.crds.v1alpha1.WorkloadSpec;

/**
 * wasmCloud's {@code WorkloadReplicaTemplate.Hash()}: FNV-32a over the JSON of {@code
 * template.spec}, its decimal form encoded with Kubernetes' {@code rand.SafeEncodeString}. Only the
 * spec is hashed, never template labels or annotations.
 */
public final class TemplateHash {
  private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
  private static final ObjectMapper JSON =
      Serialization.jsonMapper()
          .copy()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private TemplateHash() {}

  /** The hash of a template spec. */
  public static String of(WorkloadSpec spec) {
    try {
      return safeEncode(Long.toString(fnv32a(JSON.writeValueAsBytes(spec))));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a WorkloadSpec", e);
    }
  }

  /** A random name suffix, as wasmCloud's {@code <name>-<fnvhash(uuid)>}. */
  public static String randomSuffix() {
    byte[] uuid = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
    return safeEncode(Long.toString(fnv32a(uuid)));
  }

  /** FNV-1a, 32 bit, as an unsigned value. */
  public static long fnv32a(byte[] data) {
    int hash = 0x811c9dc5;
    for (byte b : data) {
      hash ^= (b & 0xff);
      hash *= 0x01000193;
    }
    return Integer.toUnsignedLong(hash);
  }

  /** Kubernetes' {@code rand.SafeEncodeString}: every character mapped to a consonant or digit. */
  public static String safeEncode(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(c -> out.append(ALPHANUMS.charAt(c % ALPHANUMS.length())));
    return out.toString();
  }
}
