package virga.wasi.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import virga.wasi.host.HostResource;

/**
 * The rep of {@code wasi:http/types.fields} (headers and trailers): an ordered multimap of
 * lower-cased names to byte values, as wasmtime's {@code http::HeaderMap} keeps them.
 *
 * <p>Rules (as wasmtime's wasi-http): names must be RFC 9110 tokens and values may hold no control
 * characters but tab ({@code invalid-syntax}); the hop-by-hop and routing headers in {@link
 * #FORBIDDEN} may not be set by a guest ({@code forbidden}); fields the host hands out from a
 * request, a response or trailers, and those moved into a request or response, are immutable
 * ({@code immutable}); {@code clone} gives a mutable copy. The total size of names and values is
 * bounded by {@link #DEFAULT_SIZE_LIMIT}; an append past it fails with {@code forbidden}.
 */
public final class Fields extends HostResource {
  /** Header names a guest may not set (wasmtime's {@code DEFAULT_FORBIDDEN_HEADERS}). */
  public static final Set<String> FORBIDDEN =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "transfer-encoding",
          "upgrade",
          "host",
          "http2-settings");

  /** The most bytes of names and values one fields resource holds. */
  public static final int DEFAULT_SIZE_LIMIT = 128 * 1024;

  /** One field: a lower-case name and its raw value. */
  public record Entry(String name, byte[] value) {
    /** The value decoded as Latin-1 (every byte one char), as HTTP/1 carries it. */
    public String valueString() {
      return new String(value, StandardCharsets.ISO_8859_1);
    }
  }

  /** Why a fields operation failed: the {@code header-error} cases. */
  public enum HeaderError {
    INVALID_SYNTAX("invalid-syntax"),
    FORBIDDEN("forbidden"),
    IMMUTABLE("immutable");

    private final String wit;

    HeaderError(String wit) {
      this.wit = wit;
    }

    /** The WIT case name. */
    public String wit() {
      return wit;
    }
  }

  /** A failed fields operation. */
  public static final class HeaderException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final HeaderError error;

    HeaderException(HeaderError error, String message) {
      super(message);
      this.error = error;
    }

    /** The header-error case. */
    public HeaderError error() {
      return error;
    }
  }

  private final List<Entry> entries;
  private final boolean mutable;
  private int size;

  private Fields(List<Entry> entries, boolean mutable) {
    this.entries = entries;
    this.mutable = mutable;
    for (Entry e : entries) {
      size += e.name().length() + e.value().length;
    }
  }

  /** Empty mutable fields (the guest's constructor). */
  public static Fields mutable() {
    return new Fields(new ArrayList<>(), true);
  }

  /** Immutable fields over a copy of {@code entries} (already valid). */
  public static Fields immutable(List<Entry> entries) {
    return new Fields(new ArrayList<>(entries), false);
  }

  /** Whether set, append and delete are allowed. */
  public boolean isMutable() {
    return mutable;
  }

  /** A snapshot of the entries in order. */
  public synchronized List<Entry> entries() {
    return Collections.unmodifiableList(new ArrayList<>(entries));
  }

  /** The values of {@code name} (any case); empty for a name that is not a valid token. */
  public synchronized List<byte[]> get(String name) {
    List<byte[]> out = new ArrayList<>();
    if (!isToken(name)) {
      return out;
    }
    String n = name.toLowerCase(Locale.ROOT);
    for (Entry e : entries) {
      if (e.name().equals(n)) {
        out.add(e.value());
      }
    }
    return out;
  }

  /** Whether {@code name} has at least one value. */
  public boolean has(String name) {
    return !get(name).isEmpty();
  }

  /** Replaces every value of {@code name} by {@code values}. */
  public synchronized void set(String name, List<byte[]> values) {
    String n = checkName(name);
    for (byte[] v : values) {
      checkValue(v);
    }
    removeAll(n);
    for (byte[] v : values) {
      add(n, v);
    }
  }

  /** Appends one value to {@code name}. */
  public synchronized void append(String name, byte[] value) {
    String n = checkName(name);
    checkValue(value);
    add(n, value);
  }

  /** Removes every value of {@code name}. */
  public synchronized void delete(String name) {
    removeAll(checkName(name));
  }

  /** A mutable copy. */
  public synchronized Fields copy() {
    return new Fields(new ArrayList<>(entries), true);
  }

  /** Builds mutable fields from a guest's list, validating each entry ({@code from-list}). */
  public static Fields fromList(List<Entry> list) {
    Fields f = mutable();
    for (Entry e : list) {
      f.append(e.name(), e.value());
    }
    return f;
  }

  private String checkName(String name) {
    if (!mutable) {
      throw new HeaderException(HeaderError.IMMUTABLE, "fields are immutable");
    }
    if (!isToken(name)) {
      throw new HeaderException(HeaderError.INVALID_SYNTAX, "invalid field name: " + name);
    }
    String n = name.toLowerCase(Locale.ROOT);
    if (FORBIDDEN.contains(n)) {
      throw new HeaderException(HeaderError.FORBIDDEN, "forbidden field: " + n);
    }
    return n;
  }

  private static void checkValue(byte[] v) {
    if (!isValidValue(v)) {
      throw new HeaderException(HeaderError.INVALID_SYNTAX, "invalid field value");
    }
  }

  private void add(String n, byte[] v) {
    int s = n.length() + v.length;
    if (size + s > DEFAULT_SIZE_LIMIT) {
      throw new HeaderException(
          HeaderError.FORBIDDEN, "fields exceed " + DEFAULT_SIZE_LIMIT + " bytes");
    }
    size += s;
    entries.add(new Entry(n, v.clone()));
  }

  private void removeAll(String n) {
    entries.removeIf(
        e -> {
          if (e.name().equals(n)) {
            size -= e.name().length() + e.value().length;
            return true;
          }
          return false;
        });
  }

  /** Whether {@code s} is an RFC 9110 token (a valid field name). */
  public static boolean isToken(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code v} is a valid field value: no control characters except horizontal tab. */
  public static boolean isValidValue(byte[] v) {
    for (byte b : v) {
      int c = b & 0xFF;
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        return false;
      }
    }
    return true;
  }
}
