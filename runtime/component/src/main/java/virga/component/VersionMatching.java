package virga.component;

/**
 * Semver-compatible import matching, as wasmtime's linker does it: an import is served by any
 * registered version with the same "compatible version" key. For {@code x.y.z} with x ≥ 1 the key
 * is {@code x}; for {@code 0.y.z} with y ≥ 1 it is {@code 0.y}; {@code 0.0.z} and any prerelease
 * match only exactly. So {@code wasi:io/streams@0.2.12} is served by a host's {@code 0.2.0}, never
 * by {@code 0.3.0}.
 */
public final class VersionMatching {
  private VersionMatching() {}

  /** The compatibility key of {@code version}, or the version itself when only exact matches. */
  public static String compatibleKey(String version) {
    if (version == null) {
      return null;
    }
    int[] v = parse(version);
    if (v == null) {
      return version;
    }
    if (v[0] >= 1) {
      return Integer.toString(v[0]);
    }
    if (v[1] >= 1) {
      return "0." + v[1];
    }
    return version;
  }

  /** True when a host item registered at {@code provided} may serve an import of {@code wanted}. */
  public static boolean compatible(String wanted, String provided) {
    if (wanted == null || provided == null) {
      return wanted == null && provided == null;
    }
    return wanted.equals(provided) || compatibleKey(wanted).equals(compatibleKey(provided));
  }

  /** {major, minor, patch} of a plain release version; null for prereleases and non-semver. */
  static int[] parse(String version) {
    String core = version;
    int plus = core.indexOf('+');
    if (plus >= 0) {
      core = core.substring(0, plus);
    }
    if (core.indexOf('-') >= 0) {
      return null;
    }
    String[] parts = core.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    int[] out = new int[3];
    for (int i = 0; i < 3; i++) {
      if (parts[i].isEmpty()
          || !parts[i].chars().allMatch(Character::isDigit)
          || parts[i].length() > 9) {
        return null;
      }
      out[i] = Integer.parseInt(parts[i]);
    }
    return out;
  }

  /** Orders release versions; used to pick the newest compatible candidate. */
  static int compare(String a, String b) {
    int[] x = parse(a);
    int[] y = parse(b);
    if (x == null || y == null) {
      return a.compareTo(b);
    }
    for (int i = 0; i < 3; i++) {
      if (x[i] != y[i]) {
        return Integer.compare(x[i], y[i]);
      }
    }
    return 0;
  }
}
