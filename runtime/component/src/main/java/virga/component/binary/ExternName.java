package virga.component.binary;

import java.util.Objects;

/**
 * An import or export name, with its structure decoded: a plain name ({@code add}), an annotated
 * resource function ({@code [method]file.read}, {@code [constructor]file}, {@code
 * [static]file.open}, {@code [resource-drop]file}), or an interface name ({@code
 * wasi:io/streams@0.2.0}).
 */
public record ExternName(String raw) {

  /** How the name is formed. */
  public enum Kind {
    PLAIN,
    CONSTRUCTOR,
    METHOD,
    STATIC,
    INTERFACE,
    /** A dependency, URL or hash name; kept as written. */
    OTHER
  }

  public ExternName {
    Objects.requireNonNull(raw, "raw");
  }

  /** The form of this name. */
  public Kind kind() {
    if (raw.startsWith("[constructor]")) {
      return Kind.CONSTRUCTOR;
    }
    if (raw.startsWith("[method]")) {
      return Kind.METHOD;
    }
    if (raw.startsWith("[static]")) {
      return Kind.STATIC;
    }
    if (raw.contains("=")) {
      return Kind.OTHER;
    }
    int colon = raw.indexOf(':');
    if (colon > 0 && raw.indexOf('/', colon) > colon) {
      return Kind.INTERFACE;
    }
    return Kind.PLAIN;
  }

  /** For an interface name, {@code ns:pkg/iface} without the version; otherwise the raw name. */
  public String unversioned() {
    int at = versionStart();
    return at < 0 ? raw : raw.substring(0, at);
  }

  /** For an interface name, the version after '@' (e.g. {@code 0.2.0}), else null. */
  public String version() {
    int at = versionStart();
    return at < 0 ? null : raw.substring(at + 1);
  }

  private int versionStart() {
    return kind() == Kind.INTERFACE ? raw.indexOf('@') : -1;
  }

  /** For {@code [method]r.f}, {@code [static]r.f} and {@code [constructor]r}: {@code r}. */
  public String resource() {
    String body = annotatedBody();
    if (body == null) {
      return null;
    }
    int dot = body.indexOf('.');
    return dot < 0 ? body : body.substring(0, dot);
  }

  /** For {@code [method]r.f} and {@code [static]r.f}: {@code f}; for a plain name, the name. */
  public String function() {
    return switch (kind()) {
      case PLAIN -> raw;
      case METHOD, STATIC -> annotatedBody().substring(annotatedBody().indexOf('.') + 1);
      default -> null;
    };
  }

  private String annotatedBody() {
    return switch (kind()) {
      case CONSTRUCTOR, METHOD, STATIC -> raw.substring(raw.indexOf(']') + 1);
      default -> null;
    };
  }

  /** Reads {@code importname'} / {@code exportname'}: a 0x00 or 0x01 prefix, then the name. */
  static ExternName read(ByteReader in) {
    int at = in.position();
    int prefix = in.u8();
    if (prefix != 0x00 && prefix != 0x01) {
      throw in.error(String.format("invalid extern name prefix 0x%02x", prefix), at);
    }
    int nameAt = in.position();
    String name = in.name();
    if (name.isEmpty()) {
      throw in.error("empty import or export name", nameAt);
    }
    return new ExternName(name);
  }

  @Override
  public String toString() {
    return raw;
  }
}
