package virga.bench.host;

import java.util.Locale;

/**
 * The {@code key=value} lines a {@link HostBench} or {@code PluginBench} command prints for its
 * {@code run.sh}.
 */
public final class KeyValues {
  private final StringBuilder out = new StringBuilder();

  /** Adds {@code key=value}; a double with one decimal, text as one word (see {@link #word}). */
  public KeyValues put(String key, Object value) {
    String v =
        value instanceof Double d
            ? String.format(Locale.ROOT, "%.1f", d)
            : value instanceof String s ? word(s) : String.valueOf(value);
    out.append(key).append('=').append(v).append('\n');
    return this;
  }

  /** Adds lines already in the format. */
  public KeyValues raw(String lines) {
    out.append(lines);
    return this;
  }

  public void print() {
    System.out.print(out);
    System.out.flush();
  }

  /** {@code text}'s first line with blanks as underscores: one value of a key=value line. */
  public static String word(String text) {
    return text.lines().findFirst().orElse("").trim().replaceAll("\\s+", "_");
  }
}
