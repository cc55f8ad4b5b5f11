package virga.wasi.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import virga.component.types.ResourceType;
import virga.component.values.Value;
import virga.component.wit.HostBinder;
import virga.wasi.Preopen;
import virga.wasi.WasiContext;
import virga.wasi.WasiPackage;
import virga.wasi.io.IoError;

/**
 * {@code wasi:filesystem} ({@code types}, {@code preopens}) on java.nio: each {@link Preopen} is a
 * host directory the guest sees at its guest path, sandboxed by {@link PathResolver} (no escape
 * through {@code ..}, absolute paths or symlinks) and, when read-only, refusing every mutation with
 * {@code read-only}. Errors are WASI error codes; only misuse of the ABI traps.
 */
public final class WasiFilesystem implements WasiPackage {
  @Override
  public String id() {
    return "wasi:filesystem";
  }

  @Override
  public void addTo(HostBinder binder, WasiContext ctx) {
    List<Preopen> preopens = ctx.preopens();
    for (Preopen p : preopens) {
      open(p); // fail at link time on a preopen that is not a directory
    }
    HostBinder.Interface t = binder.iface("wasi:filesystem/types");
    Bindings b = new Bindings(ctx, t, Salt.VALUE);
    b.bind(t);
    ResourceType descriptor = t.resource("descriptor");
    binder
        .iface("wasi:filesystem/preopens")
        .func(
            "get-directories",
            a -> {
              List<Value> out = new ArrayList<>(preopens.size());
              for (Preopen p : preopens) {
                Value own = ctx.resources().own(descriptor, open(p));
                out.add(Value.tuple(own, Value.string(p.guestPath())));
              }
              return Value.list(out);
            });
  }

  private static DirDescriptor open(Preopen p) {
    try {
      return DirDescriptor.preopen(p.hostPath(), p.readOnly());
    } catch (IOException e) {
      throw new IllegalArgumentException("bad preopen " + p + ": " + e.getMessage(), e);
    }
  }

  /**
   * The metadata-hash key: one per JVM, so hashes are stable across instances, and not drawn from
   * the context's random source, whose sequence belongs to the guest.
   */
  private static final class Salt {
    static final byte[] VALUE = new byte[16];

    static {
      new java.security.SecureRandom().nextBytes(VALUE);
    }
  }

  /** A 128-bit keyed hash of an object's (device, inode), like wasmtime's {@code metadata-hash}. */
  static Value metadataHash(byte[] salt, Stat.Id id) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(salt);
      md.update(ByteBuffer.allocate(16).putLong(id.dev()).putLong(id.ino()).array());
      ByteBuffer h = ByteBuffer.wrap(md.digest());
      long lower = h.getLong();
      long upper = h.getLong();
      return Value.record(
          Value.field("lower", Value.u64(lower)), Value.field("upper", Value.u64(upper)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** The {@code descriptor-stat} record. */
  static Value stat(Stat s) {
    return Value.record(
        Value.field("type", Value.enumCase(s.type())),
        Value.field("link-count", Value.u64(s.linkCount())),
        Value.field("size", Value.u64(s.size())),
        Value.field("data-access-timestamp", Times.datetime(s.accessed())),
        Value.field("data-modification-timestamp", Times.datetime(s.modified())),
        Value.field("status-change-timestamp", Times.datetime(s.changed())));
  }

  /** The set labels of a {@code flags} argument. */
  static Set<String> flags(Value v) {
    return ((Value.FlagsValue) v).labels();
  }

  /** The {@code filesystem-error-code} of a stream error, when it came from a file. */
  static Value errorCode(IoError e) {
    Throwable c = e.cause();
    if (c instanceof IOException || c instanceof FsException || c instanceof UncheckedIOException) {
      return Value.some(Errors.code(c).value());
    }
    return Value.none();
  }
}
