package virga.plugin.processor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.StandardLocation;

/**
 * Reads the WIT documents an annotation names, as class-path resources of the module being
 * compiled: from the class output (where Maven has copied {@code src/main/resources} before it
 * compiles), else the source path, else the class path (WIT shipped in a dependency's jar).
 */
final class WitSources {
  /** Where a resource is looked for, in order. */
  static final List<JavaFileManager.Location> LOCATIONS =
      List.of(
          StandardLocation.CLASS_OUTPUT, StandardLocation.SOURCE_PATH, StandardLocation.CLASS_PATH);

  /** A WIT path the locations do not hold. */
  static final class Missing extends Exception {
    private static final long serialVersionUID = 1L;

    Missing(String message) {
      super(message, null, false, false);
    }
  }

  private final Filer filer;
  private final Map<String, String> cache = new HashMap<>();

  WitSources(Filer filer) {
    this.filer = filer;
  }

  /**
   * The text of resource {@code path} as {@code Class.getResource} on a class of package {@code
   * pkg} would find it: {@code /wit/x.wit} is absolute, {@code x.wit} is relative to {@code pkg}.
   */
  String read(String path, String pkg) throws Missing {
    boolean absolute = path.startsWith("/");
    String inPackage = absolute ? "" : pkg;
    String relative = absolute ? path.substring(1) : path;
    String key = inPackage + "/" + relative;
    String text = cache.get(key);
    if (text != null) {
      return text;
    }
    for (JavaFileManager.Location location : LOCATIONS) {
      text = readOrNull(location, inPackage, relative);
      if (text != null) {
        cache.put(key, text);
        return text;
      }
    }
    String shown = inPackage.isEmpty() ? relative : inPackage.replace('.', '/') + "/" + relative;
    throw new Missing(
        "no WIT resource "
            + path
            + ": looked for "
            + shown
            + " in the class output, the source path and the class path"
            + " (a module's own WIT goes under src/main/resources/"
            + shown
            + ")");
  }

  private String readOrNull(JavaFileManager.Location location, String pkg, String relative) {
    try {
      FileObject f = filer.getResource(location, pkg, relative);
      try (InputStream in = f.openInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      // not in this location (or the location is not set): try the next one
      return null;
    }
  }
}
