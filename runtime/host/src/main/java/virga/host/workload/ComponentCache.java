package virga.host.workload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import virga.component.Component;
import virga.component.Engine;

/**
 * Compiled components by the SHA-256 of their bytes, shared by every workload on the host: a
 * component is parsed and compiled once, however many workloads (or replicas) use it. Two starts
 * that need the same new component at the same time wait for one compilation; a failed compilation
 * is not cached (the next start tries again and gets the same error).
 */
public final class ComponentCache {
  private final Engine engine;
  private final ConcurrentMap<String, CompletableFuture<Component>> byDigest =
      new ConcurrentHashMap<>();
  private final Counter hits;
  private final Counter misses;
  private final Timer compileTime;

  /** A cache compiling with {@code engine}, counting hits and misses in {@code meters}. */
  public ComponentCache(Engine engine, MeterRegistry meters) {
    this.engine = Objects.requireNonNull(engine, "engine");
    hits = Counter.builder("virga.component.cache").tag("result", "hit").register(meters);
    misses = Counter.builder("virga.component.cache").tag("result", "miss").register(meters);
    Gauge.builder("virga.component.cache.size", byDigest, ConcurrentMap::size).register(meters);
    compileTime =
        Timer.builder("virga.component.compile")
            .description(
                "time to parse, validate and compile (or load from the compile cache) a component")
            .register(meters);
  }

  /** {@code sha256:<hex>} of {@code bytes}. */
  public static String digest(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /**
   * The compiled form of {@code bytes}, compiled now unless cached.
   *
   * @throws virga.component.MalformedComponentException when the bytes are not a valid component
   */
  public Component compile(byte[] bytes) {
    String digest = digest(bytes);
    CompletableFuture<Component> mine = new CompletableFuture<>();
    CompletableFuture<Component> existing = byDigest.putIfAbsent(digest, mine);
    if (existing != null) {
      hits.increment();
      return join(existing);
    }
    misses.increment();
    try {
      Timer.Sample sample = Timer.start();
      Component compiled = engine.compile(bytes);
      sample.stop(compileTime); // successful compilations only: failures are fast and misleading
      mine.complete(compiled);
    } catch (RuntimeException | Error e) {
      byDigest.remove(digest, mine);
      mine.completeExceptionally(e);
    }
    return join(mine);
  }

  /** Whether {@code digest} is compiled and cached. */
  public boolean contains(String digest) {
    CompletableFuture<Component> f = byDigest.get(digest);
    return f != null && f.isDone() && !f.isCompletedExceptionally();
  }

  /** How many components are cached (or compiling). */
  public int size() {
    return byDigest.size();
  }

  /** Forgets every cached component (running workloads keep theirs). */
  public void clear() {
    byDigest.clear();
  }

  private static Component join(CompletableFuture<Component> f) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          interrupted = true; // a compilation is short; finish waiting, keep the flag
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          if (e.getCause() instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
