package virga.plugins.blobstore.backend;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Objects in the JVM's heap, gone when the host stops: for development and tests. Objects are
 * immutable byte arrays, so a read started before an overwrite sees the old bytes, as the WIT asks.
 */
public final class InMemoryBackend implements BlobBackend {
  private final Clock clock;
  private final Map<String, Bucket> containers = new ConcurrentHashMap<>();

  private record Blob(byte[] data, long createdAt) {}

  private record Bucket(long createdAt, Map<String, Blob> objects) {}

  /** An empty store. */
  public InMemoryBackend() {
    this(Clock.systemUTC());
  }

  /** An empty store whose timestamps come from {@code clock}. */
  public InMemoryBackend(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String kind() {
    return "in-memory";
  }

  @Override
  public void createContainer(String container) {
    Names.checkNonEmpty(container);
    Bucket fresh = new Bucket(now(), new ConcurrentHashMap<>());
    if (containers.putIfAbsent(container, fresh) != null) {
      throw BlobException.containerExists(container);
    }
  }

  @Override
  public boolean containerExists(String container) {
    return containers.containsKey(container);
  }

  @Override
  public void deleteContainer(String container) {
    if (containers.remove(container) == null) {
      throw BlobException.noContainer(container);
    }
  }

  @Override
  public long containerCreatedAt(String container) {
    return bucket(container).createdAt();
  }

  @Override
  public List<String> list(String container) {
    return new ArrayList<>(bucket(container).objects().keySet());
  }

  @Override
  public ObjectStat stat(String container, String object) {
    Blob b = blob(container, object);
    return new ObjectStat(b.data().length, b.createdAt());
  }

  @Override
  public boolean exists(String container, String object) {
    return bucket(container).objects().containsKey(object);
  }

  @Override
  public InputStream read(String container, String object, long start, long end) {
    byte[] data = blob(container, object).data();
    Range r = Range.of(start, end, data.length);
    return new ByteArrayInputStream(data, (int) r.offset(), (int) r.length());
  }

  @Override
  public void write(String container, String object, InputStream data) {
    Names.checkObject(object);
    Bucket b = bucket(container);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      data.transferTo(out);
    } catch (IOException e) {
      throw new BlobException("reading the value of '" + object + "' failed: " + e.getMessage(), e);
    }
    b.objects().put(object, new Blob(out.toByteArray(), now()));
  }

  @Override
  public void delete(String container, String object) {
    bucket(container).objects().remove(object);
  }

  @Override
  public void clear(String container) {
    bucket(container).objects().clear();
  }

  private Bucket bucket(String container) {
    Bucket b = containers.get(container);
    if (b == null) {
      throw BlobException.noContainer(container);
    }
    return b;
  }

  private Blob blob(String container, String object) {
    Blob b = bucket(container).objects().get(object);
    if (b == null) {
      throw BlobException.noObject(container, object);
    }
    return b;
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }
}
