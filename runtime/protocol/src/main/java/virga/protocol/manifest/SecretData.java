package virga.protocol.manifest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Secret {@code .data} as workloads see it: every value base64- then UTF-8-decoded. */
public final class SecretData {
  private SecretData() {}

  /**
   * The decoded data (empty for null).
   *
   * @throws MissingConfigException naming the key, never the value, when a value is not base64
   */
  public static Map<String, String> decode(ConfigRef ref, Map<String, String> data)
      throws MissingConfigException {
    Map<String, String> out = new LinkedHashMap<>();
    if (data == null) {
      return out;
    }
    for (Map.Entry<String, String> e : data.entrySet()) {
      String value = decodeValue(e.getValue());
      if (value == null) {
        throw new MissingConfigException(ref, ref + " key " + e.getKey() + " is not valid base64");
      }
      out.put(e.getKey(), value);
    }
    return out;
  }

  /** One decoded value, or null when it is not valid base64. */
  static String decodeValue(String encoded) {
    try {
      byte[] raw = Base64.getDecoder().decode(encoded == null ? "" : encoded.trim());
      return new String(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException bad) {
      return null;
    }
  }
}
