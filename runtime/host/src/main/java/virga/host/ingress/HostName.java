package virga.host.ingress;

import java.util.Locale;
import java.util.regex.Pattern;

/** RFC 1123 host names, as wasmCloud requires for {@code config.host}, and Host-header parsing. */
public final class HostName {
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private HostName() {}

  /**
   * Whether {@code name} is an RFC 1123 host name (no {@code *}, no {@code _}, 253 chars at most).
   */
  public static boolean isValid(String name) {
    if (name == null || name.isEmpty() || name.length() > 253) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The routing key of a {@code Host} header or authority: the port stripped ({@code [v6]:p} too),
   * lower-cased (host names are case-insensitive; wasmCloud compares them case-sensitively), or
   * null when there is none.
   */
  public static String routingKey(String authority) {
    if (authority == null || authority.isBlank()) {
      return null;
    }
    String a = authority.trim();
    int at = a.lastIndexOf('@');
    if (at >= 0) {
      a = a.substring(at + 1);
    }
    if (a.startsWith("[")) {
      int end = a.indexOf(']');
      a = end < 0 ? a : a.substring(0, end + 1);
    } else {
      int colon = a.lastIndexOf(':');
      if (colon >= 0) {
        a = a.substring(0, colon);
      }
    }
    if (a.endsWith(".")) {
      a = a.substring(0, a.length() - 1);
    }
    return a.isEmpty() ? null : a.toLowerCase(Locale.ROOT);
  }
}
