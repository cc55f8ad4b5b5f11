package virga.plugins.blobstore.backend;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.ObjectStore;
import io.nats.client.ObjectStoreManagement;
import io.nats.client.ObjectStoreOptions;
import io.nats.client.api.ObjectInfo;
import io.nats.client.api.ObjectMeta;
import io.nats.client.api.ObjectStoreConfiguration;
import io.nats.client.api.ObjectStoreStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Containers as JetStream object stores (buckets) on a NATS connection the host shares, objects as
 * their objects, as wasmCloud's {@code NatsBlobstore} does. Every request is bounded by {@code
 * timeout}, so a server that goes away mid-call gives an error, never a hang. Reads stream through
 * a {@link BoundedPipe} fed by a daemon thread; writes hand the value's stream to the object store,
 * which publishes it chunk by chunk.
 */
public final class NatsObjectStoreBackend implements BlobBackend {
  /** JetStream's rule for bucket names. */
  private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9_-]+");

  private static final int PIPE_CAPACITY = 256 * 1024;

  private final Connection connection;
  private final ObjectStoreOptions options;
  private final ExecutorService readers;

  /** A backend on {@code connection} whose requests each wait at most {@code timeout}. */
  public NatsObjectStoreBackend(Connection connection, Duration timeout) {
    this.connection = connection;
    this.options = ObjectStoreOptions.builder().jsRequestTimeout(timeout).build();
    AtomicInteger n = new AtomicInteger();
    this.readers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "blobstore-nats-read-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public String kind() {
    return "nats";
  }

  @Override
  public void createContainer(String container) {
    check(container);
    try {
      ObjectStoreManagement m = connection.objectStoreManagement(options);
      if (exists(m, container)) {
        throw BlobException.containerExists(container);
      }
      m.create(ObjectStoreConfiguration.builder(container).build());
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      throw failure("create-container " + container, e);
    }
  }

  @Override
  public boolean containerExists(String container) {
    if (!BUCKET.matcher(container).matches()) {
      return false;
    }
    try {
      return exists(connection.objectStoreManagement(options), container);
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      throw failure("container-exists " + container, e);
    }
  }

  @Override
  public void deleteContainer(String container) {
    check(container);
    try {
      connection.objectStoreManagement(options).delete(container);
    } catch (JetStreamApiException e) {
      throw notFound(e) ? BlobException.noContainer(container) : failure("delete " + container, e);
    } catch (IOException | RuntimeException e) {
      throw failure("delete-container " + container, e);
    }
  }

  @Override
  public long containerCreatedAt(String container) {
    check(container);
    try {
      ObjectStoreStatus s = connection.objectStoreManagement(options).getStatus(container);
      return s.getBackingStreamInfo().getCreateTime().toEpochSecond();
    } catch (JetStreamApiException e) {
      throw notFound(e) ? BlobException.noContainer(container) : failure("info " + container, e);
    } catch (IOException | RuntimeException e) {
      throw failure("info " + container, e);
    }
  }

  @Override
  public List<String> list(String container) {
    try {
      List<String> out = new ArrayList<>();
      for (ObjectInfo i : store(container).getList()) {
        if (!i.isDeleted()) {
          out.add(i.getObjectName());
        }
      }
      return out;
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      throw failure("list-objects " + container, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("list-objects " + container, e);
    }
  }

  @Override
  public ObjectStat stat(String container, String object) {
    ObjectInfo i = info(container, object);
    return new ObjectStat(i.getSize(), i.getModified().toEpochSecond());
  }

  @Override
  public boolean exists(String container, String object) {
    try {
      ObjectInfo i = store(container).getInfo(object);
      return i != null && !i.isDeleted();
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      throw failure("has-object " + container + "/" + object, e);
    }
  }

  @Override
  public InputStream read(String container, String object, long start, long end) {
    ObjectInfo i = info(container, object);
    ObjectStore s = store(container);
    Range r = Range.of(start, end, i.getSize());
    BoundedPipe pipe = new BoundedPipe(PIPE_CAPACITY);
    readers.execute(
        () -> {
          try (RangeOutputStream out = new RangeOutputStream(pipe.sink(), r)) {
            s.get(object, out);
            if (out.left > 0) {
              // the object changed under the read (a delete purged its chunks): never a short body
              pipe.fail(
                  new BlobException(
                      "get-data "
                          + container
                          + "/"
                          + object
                          + " ended "
                          + out.left
                          + " bytes short: the object was replaced or deleted during the read"));
            } else {
              pipe.finish();
            }
          } catch (IOException | JetStreamApiException | NoSuchAlgorithmException e) {
            pipe.fail(failure("get-data " + container + "/" + object, e));
          } catch (InterruptedException e) {
            pipe.fail(failure("get-data " + container + "/" + object, e));
          } catch (RuntimeException e) {
            pipe.fail(failure("get-data " + container + "/" + object, e));
          }
        });
    return pipe.source();
  }

  @Override
  public void write(String container, String object, InputStream data) {
    Names.checkObject(object);
    ObjectStore s = store(container);
    try {
      s.put(ObjectMeta.objectName(object), new CountingInput(data));
    } catch (IOException | JetStreamApiException | NoSuchAlgorithmException | RuntimeException e) {
      throw failure("write-data " + container + "/" + object, e);
    }
  }

  @Override
  public void delete(String container, String object) {
    ObjectStore s = store(container);
    try {
      ObjectInfo i = s.getInfo(object);
      if (i == null || i.isDeleted()) {
        return; // the WIT: no error when the object did not exist
      }
      s.delete(object);
    } catch (JetStreamApiException e) {
      if (!notFound(e)) {
        throw failure("delete-object " + container + "/" + object, e);
      }
    } catch (IOException | RuntimeException e) {
      throw failure("delete-object " + container + "/" + object, e);
    }
  }

  @Override
  public void close() {
    readers.shutdownNow();
  }

  private ObjectInfo info(String container, String object) {
    try {
      ObjectInfo i = store(container).getInfo(object);
      if (i == null || i.isDeleted()) {
        throw BlobException.noObject(container, object);
      }
      return i;
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      throw failure("object-info " + container + "/" + object, e);
    }
  }

  /** The container's object store; an error when it does not exist. */
  private ObjectStore store(String container) {
    check(container);
    try {
      ObjectStoreManagement m = connection.objectStoreManagement(options);
      if (!exists(m, container)) {
        throw BlobException.noContainer(container);
      }
      return connection.objectStore(container, options);
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      throw failure("open " + container, e);
    }
  }

  private static boolean exists(ObjectStoreManagement m, String container)
      throws IOException, JetStreamApiException {
    try {
      m.getStatus(container);
      return true;
    } catch (JetStreamApiException e) {
      if (notFound(e)) {
        return false;
      }
      throw e;
    }
  }

  private static void check(String container) {
    Names.checkNonEmpty(container);
    if (!BUCKET.matcher(container).matches()) {
      throw new BlobException(
          "container name '"
              + container
              + "' is refused by the NATS object store: use only letters, digits, '-' and '_'");
    }
  }

  /** JetStream's "stream not found" (10059) or a 404. */
  private static boolean notFound(JetStreamApiException e) {
    return e.getApiErrorCode() == 10059 || e.getErrorCode() == 404;
  }

  private static BlobException failure(String what, Exception e) {
    if (e instanceof BlobException b) {
      return b;
    }
    return new BlobException(what + " failed on NATS: " + e.getMessage(), e);
  }

  /** Passes on only the bytes of {@code range}, discarding the rest of what the store sends. */
  private static final class RangeOutputStream extends OutputStream {
    private final OutputStream out;
    private long skip;
    private long left;

    RangeOutputStream(OutputStream out, Range range) {
      this.out = out;
      this.skip = range.offset();
      this.left = range.length();
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      BufferMeter.holding(len);
      long s = Math.min(skip, len);
      skip -= s;
      off += (int) s;
      len -= (int) s;
      int n = (int) Math.min(len, left);
      if (n > 0) {
        out.write(b, off, n);
        left -= n;
      }
    }
  }

  /** Records the size of the buffers the object store reads into. */
  private static final class CountingInput extends java.io.FilterInputStream {
    CountingInput(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      BufferMeter.holding(len);
      return in.read(b, off, len);
    }
  }
}
