package virga.operator.scheduling;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The component model's notion of compatible versions: two versions match when their canonical
 * forms agree ({@code 1.2.3 → 1}, {@code 0.2.6-rc.1 → 0.2}, {@code 0.0.1 → 0.0.1}), so a component
 * built against {@code wasi:keyvalue@0.2.0-draft} runs on a host offering {@code 0.2.1}. A missing
 * version matches anything (as in wash-runtime's {@code wit.rs}).
 */
public final class WitVersion {
  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z.-]+)?(?:\\+.*)?");

  private WitVersion() {}

  /** Whether a host offering {@code offered} serves a request for {@code wanted}. */
  public static boolean compatible(String wanted, String offered) {
    if (wanted.isEmpty() || offered.isEmpty()) {
      return true;
    }
    String a = canonical(wanted);
    String b = canonical(offered);
    // versions that are not semver can only be matched literally
    return a != null && b != null ? a.equals(b) : wanted.equals(offered);
  }

  /** The canonical form, or null when {@code version} is not semver. */
  public static String canonical(String version) {
    Matcher m = SEMVER.matcher(version);
    if (!m.matches()) {
      return null;
    }
    long major = Long.parseLong(m.group(1));
    long minor = Long.parseLong(m.group(2));
    if (major > 0) {
      return Long.toString(major);
    }
    if (minor > 0) {
      return "0." + minor;
    }
    return "0.0." + m.group(3);
  }
}
