package virga.plugins.blobstore;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
import virga.plugin.Result;
import virga.plugin.WitImplementation;
import virga.plugins.blobstore.backend.BlobException;
import virga.plugins.blobstore.backend.BufferMeter;
import virga.wasi.io.AsyncInputSource;
import virga.wasi.io.HostInputStream;
import virga.wasi.io.HostOutputStream;
import virga.wasi.io.Readiness;
import virga.wasi.io.StreamException;

/**
 * {@code wasi:blobstore/types}: the outgoing and incoming values, whose bodies are {@code wasi:io}
 * streams ({@link HostOutputStream}, {@link HostInputStream}) that the host's {@code wasi:io}
 * serves like its own.
 */
@WitImplementation(
    value = WasiBlobstorePlugin.TYPES,
    wit = WasiBlobstorePlugin.WIT,
    dependencyWit = "/wit/wasi-io@0.2.12.wit")
public final class Values {
  private final Session session;

  Values(Session session) {
    this.session = session;
  }

  /** {@code [static]outgoing-value.new-outgoing-value}. */
  public OutgoingValue outgoingValueNewOutgoingValue() {
    Session.Limits l = session.limits();
    return new OutgoingValue(new Spool(l.spoolMemory(), l.spoolDir()));
  }

  /** {@code [method]outgoing-value.outgoing-value-write-body}: the body stream, once. */
  public Result<HostOutputStream, Void> outgoingValueOutgoingValueWriteBody(OutgoingValue self) {
    HostOutputStream s = self.body();
    return s == null ? Result.err(null) : Result.ok(s);
  }

  /** {@code [static]outgoing-value.finish}: stores the value where write-data aimed it. */
  public Result<Void, String> outgoingValueFinish(OutgoingValue value) {
    try (value) {
      return session.run(
          "finish",
          () -> {
            OutgoingValue.Target t = value.target();
            if (t == null) {
              throw new BlobException(
                  "finish: write-data was not called for this outgoing-value, so it has no object"
                      + " to store");
            }
            t.session().policy().checkWrite(t.container(), "write-data");
            try (InputStream in = value.contents()) {
              t.session().backend().write(t.container(), t.object(), in);
            } catch (IOException e) {
              throw new BlobException("finish failed: " + e.getMessage(), e);
            }
          });
    }
  }

  /** {@code [static]incoming-value.incoming-value-consume-sync}: the whole range as bytes. */
  public Result<byte[], String> incomingValueIncomingValueConsumeSync(IncomingValue value) {
    return session.call(
        "incoming-value-consume-sync",
        () -> {
          long max = session.limits().maxSyncRead();
          if (value.size() > max) {
            throw new BlobException(
                "incoming-value-consume-sync: the value has "
                    + value.size()
                    + " bytes, more than the "
                    + max
                    + " this host returns at once; use incoming-value-consume-async");
          }
          try (value;
              InputStream in = value.take()) {
            byte[] all = in.readAllBytes();
            BufferMeter.holding(all.length);
            return all;
          } catch (IOException e) {
            throw new BlobException("reading the value failed: " + e.getMessage(), e);
          }
        });
  }

  /** {@code [static]incoming-value.incoming-value-consume-async}: the range as an input-stream. */
  public Result<HostInputStream, String> incomingValueIncomingValueConsumeAsync(
      IncomingValue value) {
    return session.call(
        "incoming-value-consume-async",
        () -> {
          try (value) {
            return new BodyStream(value.take(), session.limits().readAhead());
          }
        });
  }

  /** {@code [method]incoming-value.size}. */
  public long incomingValueSize(IncomingValue self) {
    return self.size();
  }

  /**
   * An input-stream over a backend's Java stream: a thread reads ahead at most {@code readAhead}
   * bytes; dropping the stream closes the backend's stream too (a file, a NATS pipe).
   */
  static final class BodyStream extends HostInputStream {
    /**
     * A stream the guest never drops is not tracked by the instance's resource scope (it is a
     * wasi:io resource, owned by the host's wasi:io): once the ended instance lets go of it, the
     * cleaner closes the backend's stream, which would otherwise hold a file or a NATS consumer.
     */
    private static final Cleaner CLEANER = Cleaner.create();

    private final AsyncInputSource source;
    private final Cleaner.Cleanable release;

    BodyStream(InputStream raw, int readAhead) {
      InputStream closing = new ClosingAtEnd(raw);
      BufferMeter.holding(readAhead);
      this.source = new AsyncInputSource(closing, readAhead, "blobstore-body");
      this.release = CLEANER.register(this, new Release(source, closing));
    }

    @Override
    public byte[] read(int len) {
      if (isClosed()) {
        throw StreamException.closed();
      }
      return source.read(len);
    }

    @Override
    public Readiness readiness() {
      return source;
    }

    @Override
    protected void onClose() {
      release.clean();
    }
  }

  /** Stops the read-ahead and closes the backend's stream; refers to no {@link BodyStream}. */
  private record Release(AsyncInputSource source, InputStream raw) implements Runnable {
    @Override
    public void run() {
      source.close();
      try {
        raw.close();
      } catch (IOException ignored) {
        // the stream is being abandoned; nobody is left to tell
      }
    }
  }

  /** Closes the backend's stream as soon as it ends, not only when the guest drops the body. */
  private static final class ClosingAtEnd extends FilterInputStream {
    ClosingAtEnd(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n < 0) {
        in.close();
      }
      return n;
    }
  }
}
