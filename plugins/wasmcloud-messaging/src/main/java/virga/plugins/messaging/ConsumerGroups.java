package virga.plugins.messaging;

import java.nio.charset.StandardCharsets;

/**
 * The default queue group of a handler: {@code wasmcloud.<ns>.<deployment>.<component>.<hash>} as
 * wasmCloud builds it (characters outside {@code [A-Za-z0-9_-]} become {@code -}, at most 128
 * characters, the FNV-1a 64 hash of the unsanitised names as 16 hex digits), but from the
 * deployment name rather than the per-replica workload name, so replicas share the group (wasmCloud
 * #5456).
 */
final class ConsumerGroups {
  static final int MAX_LENGTH = 128;

  private ConsumerGroups() {}

  /** The default group of component {@code component} of deployment {@code deployment}. */
  static String defaultGroup(String namespace, String deployment, String component) {
    String hash = String.format("%016x", fnv1a64(namespace + "\0" + deployment + "\0" + component));
    String head =
        "wasmcloud." + sanitize(namespace) + "." + sanitize(deployment) + "." + sanitize(component);
    int room = MAX_LENGTH - hash.length() - 1;
    if (head.length() > room) {
      head = head.substring(0, room);
    }
    return head + "." + hash;
  }

  /**
   * Checks a configured {@code consumer_group}: not empty, no whitespace, {@code *} or {@code >}.
   *
   * @throws IllegalArgumentException saying why
   */
  static void check(String group) {
    if (group.isEmpty()) {
      throw new IllegalArgumentException("consumer_group is empty");
    }
    for (int i = 0; i < group.length(); i++) {
      char c = group.charAt(i);
      if (Character.isWhitespace(c) || c == '*' || c == '>') {
        throw new IllegalArgumentException(
            "consumer_group '"
                + group
                + "' is not a valid NATS queue group (no whitespace, '*' or '>')");
      }
    }
  }

  private static String sanitize(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      out.append(ok ? c : '-');
    }
    return out.toString();
  }

  static long fnv1a64(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
