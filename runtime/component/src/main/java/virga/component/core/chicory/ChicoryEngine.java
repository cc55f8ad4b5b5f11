package virga.component.core.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.Version;
import com.dylibso.chicory.wasm.WasmModule;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import virga.component.ComponentException;
import virga.component.MalformedComponentException;
import virga.component.core.CoreEngine;

/**
 * The Chicory core engine: parses and validates with Chicory's parser and compiles to JVM bytecode
 * with Chicory's runtime compiler, once per SHA-256 digest of the module bytes.
 *
 * <p>Compiled modules are kept in a bounded in-memory cache: the least recently used of at most
 * {@link #maxCachedModules()} modules (default {@value #DEFAULT_MAX_CACHED_MODULES}) is dropped
 * when a new one is added. Dropping only forgets the cache entry: the module and its instances keep
 * working, and compiling the same bytes again compiles (or loads from disk) afresh. Concurrent
 * requests for the same digest wait for a single compilation. With a cache directory, the compiled
 * classes are also stored on disk (Chicory 1.7.5 serialises them as a jar) and reused by later
 * processes. Functions too large for a JVM method run in Chicory's interpreter, silently; if the
 * compiler fails on the whole module, the module runs in the interpreter ({@link
 * ChicoryModule#compiled()} is false).
 */
public final class ChicoryEngine implements CoreEngine {
  static final String SECTION = "core module";

  /** How many compiled modules an engine keeps in memory unless told otherwise. */
  public static final int DEFAULT_MAX_CACHED_MODULES = 256;

  /** Digest to compilation, least recently used first; guarded by itself. */
  private final LinkedHashMap<String, FutureTask<ChicoryModule>> modules;

  private final int maxCachedModules;
  private final DiskCache disk;
  private final AtomicLong compilations = new AtomicLong();
  private final AtomicLong diskHits = new AtomicLong();

  /** An engine caching compiled modules in memory only. */
  public ChicoryEngine() {
    this(null, DEFAULT_MAX_CACHED_MODULES);
  }

  /**
   * An engine that also caches compiled modules under {@code cacheDirectory} (created if absent).
   *
   * @throws java.io.UncheckedIOException if the directory cannot be created
   */
  public ChicoryEngine(Path cacheDirectory) {
    this(cacheDirectory, DEFAULT_MAX_CACHED_MODULES);
  }

  /**
   * An engine keeping at most {@code maxCachedModules} compiled modules in memory, and also caching
   * them under {@code cacheDirectory} unless it is null.
   *
   * @throws IllegalArgumentException if {@code maxCachedModules} is less than 1
   * @throws java.io.UncheckedIOException if the directory cannot be created
   */
  public ChicoryEngine(Path cacheDirectory, int maxCachedModules) {
    if (maxCachedModules < 1) {
      throw new IllegalArgumentException(
          "maxCachedModules must be at least 1, was " + maxCachedModules);
    }
    this.maxCachedModules = maxCachedModules;
    this.modules =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, FutureTask<ChicoryModule>> e) {
            return size() > ChicoryEngine.this.maxCachedModules;
          }
        };
    this.disk =
        cacheDirectory == null
            ? null
            : new DiskCache(
                cacheDirectory, Version.version() + "-" + ModuleCompiler.REWRITE_VERSION);
  }

  /**
   * Returns the compiled module for these bytes, compiling it on first use.
   *
   * @throws MalformedComponentException if the bytes are not a valid core module
   * @throws virga.component.UnsupportedFeatureException if an import or export uses v128 or tags
   */
  @Override
  public ChicoryModule compile(byte[] wasm) {
    java.util.Objects.requireNonNull(wasm, "wasm");
    String digest = sha256(wasm);
    FutureTask<ChicoryModule> task;
    boolean mine = false;
    synchronized (modules) {
      task = modules.get(digest); // also marks it most recently used
      if (task == null) {
        byte[] copy = wasm.clone(); // the caller may reuse its array while we compile
        task = new FutureTask<>(() -> compileNew(digest, copy));
        modules.put(digest, task); // may evict the least recently used entry
        mine = true;
      }
    }
    if (mine) {
      task.run(); // outside the lock: other digests compile concurrently
    }
    try {
      return task.get();
    } catch (ExecutionException e) {
      synchronized (modules) {
        modules.remove(digest, task); // do not cache failures: the next call reports afresh
      }
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new ComponentException("compiling core module failed", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ComponentException("interrupted while waiting for a core module compilation", e);
    }
  }

  /** The most compiled modules this engine keeps in memory. */
  public int maxCachedModules() {
    return maxCachedModules;
  }

  /** How many compiled modules (or compilations under way) the in-memory cache holds now. */
  public int cachedModules() {
    synchronized (modules) {
      return modules.size();
    }
  }

  /** How many modules were compiled to bytecode by this engine (disk-cache loads excluded). */
  public long compilations() {
    return compilations.get();
  }

  /** How many modules were loaded from the disk cache instead of being compiled. */
  public long diskCacheHits() {
    return diskHits.get();
  }

  private ChicoryModule compileNew(String digest, byte[] wasm) {
    // Chicory refuses `(import "" "" (func))`: it parses the module with an alias for that name
    EmptyImportNames.Rewritten forChicory = EmptyImportNames.rewrite(wasm);
    WasmModule module = parse(forChicory.wasm());
    // the original bytes: their section offsets are the ones errors report
    ModuleChecks.check(module, wasm, forChicory.alias()); // before any index is dereferenced
    String pkg = FunctionNames.packageFor(digest);
    FunctionNames.register(pkg, module.nameSection());
    Function<Instance, Machine> factory;
    boolean compiled = true;
    try {
      factory = compileWithCache(module, digest, pkg, true);
    } catch (RuntimeException | LinkageError corruptOrCompilerBug) {
      // A corrupt cache entry fails while loading: drop it and compile afresh. If the compiler
      // itself fails, fall back to the interpreter for the whole module.
      if (disk != null) {
        disk.delete(digest);
      }
      try {
        factory = compileWithCache(module, digest, pkg, false);
      } catch (RuntimeException | LinkageError compilerBug) {
        factory = InterpreterMachine::new;
        compiled = false;
      }
    }
    return new ChicoryModule(digest, module, factory, compiled, forChicory.alias());
  }

  private Function<Instance, Machine> compileWithCache(
      WasmModule module, String digest, String pkg, boolean readCache) {
    String className = pkg + ".Machine";
    byte[] cached = disk != null && readCache ? disk.get(digest) : null;
    if (cached != null) {
      Function<Instance, Machine> factory = ModuleCompiler.load(module, className, cached);
      diskHits.incrementAndGet();
      return factory;
    }
    ModuleCompiler.Compiled compiled = ModuleCompiler.compile(module, className);
    if (disk != null) {
      disk.put(digest, compiled.jar());
    }
    compilations.incrementAndGet();
    return compiled.factory();
  }

  private static WasmModule parse(byte[] wasm) {
    if (wasm.length >= 8) {
      SectionCounts.check(wasm, SECTION);
    }
    try {
      return Parser.parse(wasm);
    } catch (RuntimeException | StackOverflowError e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new MalformedComponentException("invalid core module: " + msg, 0, SECTION, e);
    } catch (OutOfMemoryError e) {
      // A count nested inside a section (params of a type, locals of a body) can still ask for an
      // array the VM cannot make; nothing was built, so the module is simply refused.
      throw new MalformedComponentException(
          "invalid core module: a declared size is too large (" + e.getMessage() + ")",
          0,
          SECTION,
          e);
    } catch (AssertionError e) {
      // With -ea, Chicory's parser asserts on some invalid code (e.g. in AnnotatedInstruction's
      // builder) instead of throwing InvalidException: the module is invalid all the same.
      StackTraceElement[] at = e.getStackTrace();
      throw new MalformedComponentException(
          "invalid core module: the parser failed an internal assertion"
              + (at.length > 0 ? " in " + at[0].getClassName() + "." + at[0].getMethodName() : "")
              + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          0,
          SECTION,
          e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
