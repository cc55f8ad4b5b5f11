package virga.e2e.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Command-line edits: a chart's container args adapted to a process on this machine. */
public final class Flags {
  private Flags() {}

  /**
   * {@code args} with {@code flag} (as {@code --f=v} or {@code --f v}) replaced by {@code
   * flag=value}, or appended; picocli refuses a repeated option, so it is replaced in place.
   */
  public static List<String> with(List<String> args, String flag, String value) {
    List<String> out = new ArrayList<>();
    boolean replaced = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals(flag) || a.startsWith(flag + "=")) {
        if (a.equals(flag)) {
          i++; // its value
        }
        if (!replaced) {
          out.add(flag + "=" + value);
          replaced = true;
        }
        continue;
      }
      out.add(a);
    }
    if (!replaced) {
      out.add(flag + "=" + value);
    }
    return out;
  }

  /** {@code args} with every {@code $(NAME)} of {@code env} expanded, as the kubelet does. */
  public static List<String> expand(List<String> args, Map<String, String> env) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      for (Map.Entry<String, String> e : env.entrySet()) {
        a = a.replace("$(" + e.getKey() + ")", e.getValue());
      }
      out.add(a);
    }
    return out;
  }
}
