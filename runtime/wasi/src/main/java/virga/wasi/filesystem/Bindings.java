package virga.wasi.filesystem;

import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import virga.component.types.ResourceType;
import virga.component.values.Value;
import virga.component.wit.HostBinder;
import virga.wasi.WasiContext;
import virga.wasi.host.ResourceTable;
import virga.wasi.host.Vals;
import virga.wasi.io.IoError;

/** The {@code wasi:filesystem/types} functions of one instance, bound to its context. */
final class Bindings {
  private final WasiContext ctx;
  private final ResourceTable table;
  private final ResourceType descriptor;
  private final ResourceType entries;
  private final ResourceType input;
  private final ResourceType output;
  private final byte[] salt;

  Bindings(WasiContext ctx, HostBinder.Interface t, byte[] salt) {
    this.ctx = ctx;
    this.table = ctx.resources();
    this.descriptor = t.resource("descriptor");
    this.entries = t.resource("directory-entry-stream");
    this.input = t.resource("input-stream");
    this.output = t.resource("output-stream");
    this.salt = salt;
  }

  /** An operation that may fail with an error code or an I/O exception. */
  @FunctionalInterface
  private interface Op {
    Value run() throws IOException;
  }

  /** {@code ok(op())}, or {@code err(code)}; a null value is {@code ok} without payload. */
  private static Value result(Op op) {
    try {
      Value v = op.run();
      return v == null ? Value.ok() : Value.ok(v);
    } catch (IOException | RuntimeException e) {
      if (e instanceof RuntimeException r && !isFsFailure(r)) {
        throw r; // traps (ABI misuse, resource limits) stay traps
      }
      return Value.err(Errors.code(e).value());
    }
  }

  private static boolean isFsFailure(RuntimeException e) {
    return e instanceof FsException
        || e instanceof java.io.UncheckedIOException
        || e instanceof java.nio.file.InvalidPathException
        || e instanceof java.nio.file.DirectoryIteratorException
        || e instanceof java.nio.channels.NonReadableChannelException
        || e instanceof java.nio.channels.NonWritableChannelException
        || e instanceof SecurityException
        || e instanceof UnsupportedOperationException;
  }

  private static Descriptor self(Value[] a) {
    return Vals.rep(a[0], Descriptor.class);
  }

  private static DirDescriptor dir(Value[] a, int i) {
    return Vals.rep(a[i], Descriptor.class).dir();
  }

  private static boolean follow(Value v) {
    return WasiFilesystem.flags(v).contains("symlink-follow");
  }

  private FileTime time(Value v) {
    return Times.newTimestamp(v, ctx.wallClock());
  }

  void bind(HostBinder.Interface t) {
    int chunk = ctx.limits().maxReadChunk();
    long budget = ctx.limits().maxWriteBudget();
    String m = "[method]descriptor.";
    t.func(
            m + "read-via-stream",
            a -> result(() -> table.own(input, new FileReadStream(self(a).file(), Vals.u64(a[1])))))
        .func(
            m + "write-via-stream",
            a ->
                result(
                    () -> {
                      FileDescriptor f = self(a).file();
                      f.checkWritable("write-via-stream");
                      return table.own(
                          output, new FileWriteStream(f, Vals.u64(a[1]), false, budget));
                    }))
        .func(
            m + "append-via-stream",
            a ->
                result(
                    () -> {
                      FileDescriptor f = self(a).file();
                      f.checkWritable("append-via-stream");
                      return table.own(output, new FileWriteStream(f, 0, true, budget));
                    }))
        .func(
            m + "advise",
            a ->
                result(
                    () -> {
                      self(a).file(); // advice is only a hint; java.nio has no fadvise
                      return null;
                    }))
        .func(m + "sync-data", a -> result(() -> sync(self(a), false)))
        .func(m + "sync", a -> result(() -> sync(self(a), true)))
        .func(m + "get-flags", a -> result(() -> flagsValue(self(a).flags())))
        .func(m + "get-type", a -> result(() -> Value.enumCase(self(a).stat().type())))
        .func(
            m + "set-size",
            a ->
                result(
                    () -> {
                      self(a).file().setSize(Vals.u64(a[1]));
                      return null;
                    }))
        .func(m + "set-times", a -> result(() -> setTimes(self(a), time(a[1]), time(a[2]))))
        .func(
            m + "read",
            a ->
                result(
                    () -> {
                      FileDescriptor.Read r =
                          self(a).file().read(Vals.u64(a[1]), Vals.u64(a[2]), chunk);
                      return Value.tuple(Vals.bytes(r.bytes()), Value.bool(r.eof()));
                    }))
        .func(m + "write", a -> result(() -> write(self(a).file(), Vals.bytes(a[1]), a[2])))
        .func(
            m + "read-directory",
            a -> result(() -> table.own(entries, new DirectoryEntries(dir(a, 0).root()))))
        .func(
            m + "create-directory-at",
            a -> result(() -> unit(() -> PathOps.createDirectory(dir(a, 0), Vals.str(a[1])))))
        .func(m + "stat", a -> result(() -> WasiFilesystem.stat(self(a).stat())))
        .func(
            m + "stat-at",
            a ->
                result(
                    () ->
                        WasiFilesystem.stat(PathOps.stat(dir(a, 0), follow(a[1]), Vals.str(a[2])))))
        .func(
            m + "set-times-at",
            a ->
                result(
                    () ->
                        unit(
                            () ->
                                PathOps.setTimes(
                                    dir(a, 0),
                                    follow(a[1]),
                                    Vals.str(a[2]),
                                    time(a[3]),
                                    time(a[4])))))
        .func(
            m + "link-at",
            a ->
                result(
                    () ->
                        unit(
                            () ->
                                PathOps.link(
                                    dir(a, 0),
                                    follow(a[1]),
                                    Vals.str(a[2]),
                                    dir(a, 3),
                                    Vals.str(a[4])))))
        .func(
            m + "open-at",
            a ->
                result(
                    () ->
                        table.own(
                            descriptor,
                            OpenAt.open(
                                dir(a, 0),
                                follow(a[1]),
                                Vals.str(a[2]),
                                WasiFilesystem.flags(a[3]),
                                WasiFilesystem.flags(a[4])))))
        .func(
            m + "readlink-at",
            a -> result(() -> Value.string(PathOps.readlink(dir(a, 0), Vals.str(a[1])))))
        .func(
            m + "remove-directory-at",
            a -> result(() -> unit(() -> PathOps.removeDirectory(dir(a, 0), Vals.str(a[1])))))
        .func(
            m + "rename-at",
            a ->
                result(
                    () ->
                        unit(
                            () ->
                                PathOps.rename(
                                    dir(a, 0), Vals.str(a[1]), dir(a, 2), Vals.str(a[3])))))
        .func(
            m + "symlink-at",
            a ->
                result(
                    () -> unit(() -> PathOps.symlink(dir(a, 0), Vals.str(a[1]), Vals.str(a[2])))))
        .func(
            m + "unlink-file-at",
            a -> result(() -> unit(() -> PathOps.unlinkFile(dir(a, 0), Vals.str(a[1])))))
        .func(
            m + "is-same-object",
            a -> Value.bool(sameObject(self(a), Vals.rep(a[1], Descriptor.class))))
        .func(
            m + "metadata-hash",
            a -> result(() -> WasiFilesystem.metadataHash(salt, self(a).stat().id())))
        .func(
            m + "metadata-hash-at",
            a ->
                result(
                    () ->
                        WasiFilesystem.metadataHash(
                            salt, PathOps.stat(dir(a, 0), follow(a[1]), Vals.str(a[2])).id())))
        .func(
            "[method]directory-entry-stream.read-directory-entry",
            a ->
                result(
                    () -> {
                      String[] e = Vals.rep(a[0], DirectoryEntries.class).next();
                      if (e == null) {
                        return Value.none();
                      }
                      return Value.some(
                          Value.record(
                              Value.field("type", Value.enumCase(e[0])),
                              Value.field("name", Value.string(e[1]))));
                    }))
        .func(
            "filesystem-error-code", a -> WasiFilesystem.errorCode(Vals.rep(a[0], IoError.class)));
  }

  /** An action without result. */
  @FunctionalInterface
  private interface Action {
    void run() throws IOException;
  }

  private static Value unit(Action action) throws IOException {
    action.run();
    return null;
  }

  private static Value sync(Descriptor d, boolean metadata) throws IOException {
    if (d instanceof FileDescriptor f) {
      f.sync(metadata);
    } else {
      d.dir().root(); // nothing to force: directory updates go through the OS at once
    }
    return null;
  }

  private static Value setTimes(Descriptor d, FileTime accessed, FileTime modified)
      throws IOException {
    if (d instanceof FileDescriptor f) {
      f.setTimes(accessed, modified);
    } else {
      DirDescriptor dir = d.dir();
      dir.checkWritable("set-times");
      Times.set(dir.root(), accessed, modified);
    }
    return null;
  }

  private static Value write(FileDescriptor f, byte[] bytes, Value offset) throws IOException {
    f.checkWritable("write");
    FileDescriptor.writeFully(f.writer(), bytes, Vals.u64(offset));
    return Value.u64(bytes.length);
  }

  private static boolean sameObject(Descriptor a, Descriptor b) {
    try {
      return a.stat().id().equals(b.stat().id());
    } catch (FsException e) {
      return false;
    }
  }

  private static Value flagsValue(Set<String> labels) {
    return Value.flags(labels.toArray(new String[0]));
  }
}
