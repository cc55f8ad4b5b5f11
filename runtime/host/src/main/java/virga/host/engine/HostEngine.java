package virga.host.engine;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.component.Engine;
import virga.component.abi.StandardCanonicalAbi;
import virga.component.core.chicory.ChicoryEngine;

/**
 * The host's component engine: Chicory, keeping the compiled code of every core module on disk by
 * the module's SHA-256 when given a directory, so that a restarted host (or another host sharing
 * the directory) loads a large component in a fraction of its compile time. The directory holds one
 * subdirectory per Chicory version; entries are written to a temporary file and renamed into place,
 * so hosts may share it. A directory that cannot be used leaves the host with an in-memory cache
 * only: a slower start, never a failed one.
 */
public final class HostEngine {
  private static final Logger LOG = LoggerFactory.getLogger(HostEngine.class);

  private final ChicoryEngine core;
  private final Engine engine;
  private final Path cacheDirectory;

  private HostEngine(ChicoryEngine core, Path cacheDirectory) {
    this.core = core;
    this.engine = new Engine(core, new StandardCanonicalAbi());
    this.cacheDirectory = cacheDirectory;
  }

  /**
   * An engine caching compiled code under {@code cacheDirectory} (created if absent), or in memory
   * only when it is null or cannot be created (logged as a warning).
   */
  public static HostEngine create(Path cacheDirectory) {
    if (cacheDirectory == null) {
      return new HostEngine(new ChicoryEngine(), null);
    }
    try {
      return new HostEngine(new ChicoryEngine(cacheDirectory), cacheDirectory);
    } catch (UncheckedIOException | SecurityException e) {
      // a read-only or full volume must not stop the host: it only costs compile time
      LOG.warn(
          "the compile cache {} cannot be used ({}); compiled code is kept in memory only",
          cacheDirectory,
          e.getCause() != null ? e.getCause().toString() : e.toString());
      return new HostEngine(new ChicoryEngine(), null);
    }
  }

  /**
   * The per-user default: {@code $XDG_CACHE_HOME/virga/compiled}, else {@code
   * ~/.cache/virga/compiled}.
   */
  public static Path defaultCacheDirectory() {
    return defaultCacheDirectory(System.getenv(), System.getProperty("user.home"));
  }

  static Path defaultCacheDirectory(Map<String, String> env, String userHome) {
    String xdg = env.get("XDG_CACHE_HOME");
    // the XDG spec ignores a relative value
    Path base =
        xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : Path.of(userHome, ".cache");
    return base.resolve("virga").resolve("compiled");
  }

  /** The engine to compile components with. */
  public Engine engine() {
    return engine;
  }

  /** Where compiled code is kept on disk; empty when in memory only. */
  public Optional<Path> cacheDirectory() {
    return Optional.ofNullable(cacheDirectory);
  }

  /** Core modules compiled to JVM bytecode so far (loads from the disk cache excluded). */
  public long compilations() {
    return core.compilations();
  }

  /** Core modules loaded from the disk cache instead of being compiled. */
  public long diskCacheHits() {
    return core.diskCacheHits();
  }

  /**
   * Registers {@code virga.component.compilations} and {@code virga.component.compile.cache.hits}
   * (Prometheus: {@code virga_component_compilations_total}, {@code
   * virga_component_compile_cache_hits_total}).
   */
  public HostEngine bindTo(MeterRegistry meters) {
    FunctionCounter.builder("virga.component.compilations", core, ChicoryEngine::compilations)
        .description("core modules compiled to JVM bytecode (compile-cache loads excluded)")
        .register(meters);
    FunctionCounter.builder(
            "virga.component.compile.cache.hits", core, ChicoryEngine::diskCacheHits)
        .description("core modules loaded from the on-disk compile cache instead of compiled")
        .register(meters);
    return this;
  }
}
