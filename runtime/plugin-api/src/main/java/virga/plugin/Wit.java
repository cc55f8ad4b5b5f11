package virga.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads WIT documents that plugins ship in their jars. */
public final class Wit {
  private Wit() {}

  /**
   * The text of class-path resource {@code path} next to {@code anchor}, e.g. {@code /wit/x.wit}.
   */
  public static String resource(Class<?> anchor, String path) {
    try (InputStream in = anchor.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no WIT resource " + path + " beside " + anchor.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
