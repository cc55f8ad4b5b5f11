package virga.protocol.manifest;

import java.util.Objects;

/**
 * The text of one manifest file.
 *
 * @param name the file as the user named it; problems start with it
 * @param text its YAML (one or more documents)
 */
public record ManifestText(String name, String text) {
  /** Checks the fields. */
  public ManifestText {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
  }
}
