package virga.component.core.chicory;

import com.dylibso.chicory.wasm.types.NameCustomSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps JVM stack frames of compiled wasm back to wasm function names.
 *
 * <p>Each module is compiled into its own package {@code virga.wasm.m<digest prefix>}, and Chicory
 * names the method of wasm function {@code N} {@code func_N}; the module's name section (when
 * present) turns {@code N} into a name.
 */
final class FunctionNames {
  static final String PACKAGE_PREFIX = "virga.wasm.m";
  private static final int MAX_FRAMES = 100;
  private static final Map<String, NameCustomSection> BY_PACKAGE = new ConcurrentHashMap<>();

  private FunctionNames() {}

  /** The package compiled classes of the module with this hex digest live in. */
  static String packageFor(String hexDigest) {
    return PACKAGE_PREFIX + hexDigest.substring(0, 16);
  }

  static void register(String pkg, NameCustomSection names) {
    if (names != null) {
      BY_PACKAGE.put(pkg, names);
    }
  }

  /**
   * The wasm frames of {@code t}'s stack trace, innermost first; consecutive repeats (deep
   * recursion) are folded into one entry and the list is capped at 100 entries. Causes are searched
   * innermost first, because Chicory rethrows stack overflows from the outermost frame.
   */
  static List<String> backtrace(Throwable t) {
    var chain = new ArrayList<Throwable>();
    for (Throwable c = t; c != null && !chain.contains(c) && chain.size() < 16; c = c.getCause()) {
      chain.add(c);
    }
    for (int i = chain.size() - 1; i >= 0; i--) {
      List<String> names = framesOf(chain.get(i));
      if (!names.isEmpty()) {
        return names;
      }
    }
    return List.of();
  }

  private static List<String> framesOf(Throwable t) {
    var out = new ArrayList<String>();
    String last = null;
    for (StackTraceElement e : t.getStackTrace()) {
      String cls = e.getClassName();
      String method = e.getMethodName();
      if (!cls.startsWith(PACKAGE_PREFIX) || !method.startsWith("func_")) {
        continue;
      }
      int idx;
      try {
        idx = Integer.parseInt(method.substring("func_".length()));
      } catch (NumberFormatException notAFunction) {
        continue;
      }
      String name = nameOf(cls.substring(0, Math.max(cls.lastIndexOf('.'), 0)), idx);
      if (!name.equals(last)) {
        out.add(name);
        last = name;
        if (out.size() == MAX_FRAMES) {
          break;
        }
      }
    }
    return out;
  }

  private static String nameOf(String pkg, int idx) {
    NameCustomSection names = BY_PACKAGE.get(pkg);
    String name = names == null ? null : names.nameOfFunction(idx);
    return name != null ? name : "wasm-function[" + idx + "]";
  }
}
