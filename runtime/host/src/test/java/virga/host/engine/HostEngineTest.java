package virga.host.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import virga.component.Linker;
import virga.component.core.InstanceLimits;
import virga.component.values.Value;

/** The host engine's on-disk compile cache: reuse, damage, unusable directories, sharing. */
class HostEngineTest {
  private static final Path GUESTS = Path.of("../../guests/wasm").toAbsolutePath().normalize();
  private static final String GREET = "example:link/greeter@0.1.0#greet";

  private static byte[] greeter() throws IOException {
    return Files.readAllBytes(GUESTS.resolve("link-greeter.wasm"));
  }

  /** Compiles the greeter with {@code engine} and checks that it runs. */
  private static void compileAndGreet(HostEngine engine) throws IOException {
    var component = engine.engine().compile(greeter());
    var instance = new Linker().instantiate(component, InstanceLimits.NONE);
    assertThat(instance.function(GREET).call(Value.string("cache")))
        .isEqualTo(Value.string("hello, cache"));
  }

  private static List<Path> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void theDefaultDirectoryFollowsXdgCacheHome() {
    assertThat(HostEngine.defaultCacheDirectory(Map.of("XDG_CACHE_HOME", "/var/cache/u"), "/h"))
        .isEqualTo(Path.of("/var/cache/u/virga/compiled"));
    assertThat(HostEngine.defaultCacheDirectory(Map.of(), "/home/u"))
        .isEqualTo(Path.of("/home/u/.cache/virga/compiled"));
    // the XDG base directory spec says to ignore a relative path
    assertThat(HostEngine.defaultCacheDirectory(Map.of("XDG_CACHE_HOME", "rel"), "/home/u"))
        .isEqualTo(Path.of("/home/u/.cache/virga/compiled"));
  }

  @Test
  void aSecondEngineOnTheSameDirectoryLoadsInsteadOfCompiling(@TempDir Path dir)
      throws IOException {
    HostEngine first = HostEngine.create(dir);
    compileAndGreet(first);
    long modules = first.compilations();
    assertThat(modules).isPositive();
    assertThat(first.diskCacheHits()).isZero();
    List<Path> files = entries(dir);
    assertThat(files).hasSize((int) modules);
    assertThat(files)
        .allSatisfy(f -> assertThat(f.getParent().getFileName().toString()).startsWith("chicory-"))
        .allSatisfy(f -> assertThat(f.getFileName().toString()).matches("[0-9a-f]{64}\\.cjar"));

    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    HostEngine second = HostEngine.create(dir).bindTo(meters);
    compileAndGreet(second);
    assertThat(second.compilations()).isZero();
    assertThat(second.diskCacheHits()).isEqualTo(modules);
    assertThat(meters.get("virga.component.compilations").functionCounter().count()).isZero();
    assertThat(meters.get("virga.component.compile.cache.hits").functionCounter().count())
        .isEqualTo((double) modules);
    assertThat(second.cacheDirectory()).contains(dir);
  }

  @Test
  void withoutADirectoryEveryEngineCompiles() throws IOException {
    HostEngine engine = HostEngine.create(null);
    compileAndGreet(engine);
    assertThat(engine.cacheDirectory()).isEmpty();
    assertThat(engine.compilations()).isPositive();
    assertThat(engine.diskCacheHits()).isZero();
  }

  /** Every damaged entry is a miss: recompiled, rewritten whole, never a crash or a wrong run. */
  @Test
  void aDamagedEntryIsRecompiledAndRewritten(@TempDir Path dir) throws IOException {
    HostEngine seed = HostEngine.create(dir);
    compileAndGreet(seed);
    long modules = seed.compilations();
    List<Path> files = entries(dir);
    List<byte[]> good = new ArrayList<>();
    for (Path f : files) {
      good.add(Files.readAllBytes(f));
    }
    List<String> damages = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      byte[] jar = good.get(i);
      damages.add("empty");
      damages.add("half");
      damages.add("all but the last byte");
      damages.add("a flipped byte in the middle");
      damages.add("garbage");
      for (int at : localHeaders(jar)) {
        damages.add("cut at " + at);
      }
    }
    for (String damage : damages) {
      for (int i = 0; i < files.size(); i++) {
        Files.write(files.get(i), damaged(good.get(i), damage));
      }
      HostEngine engine = HostEngine.create(dir);
      compileAndGreet(engine);
      assertThat(engine.compilations()).as(damage).isEqualTo(modules);
      assertThat(engine.diskCacheHits()).as(damage).isZero();
      // the entry was replaced by a whole one: the next engine loads it
      HostEngine next = HostEngine.create(dir);
      compileAndGreet(next);
      assertThat(next.diskCacheHits()).as(damage).isEqualTo(modules);
    }
  }

  private static byte[] damaged(byte[] jar, String how) {
    return switch (how) {
      case "empty" -> new byte[0];
      case "half" -> Arrays.copyOf(jar, jar.length / 2);
      case "all but the last byte" -> Arrays.copyOf(jar, jar.length - 1);
      case "a flipped byte in the middle" -> {
        byte[] b = jar.clone();
        b[b.length / 2] ^= 0x5a;
        yield b;
      }
      case "garbage" -> {
        byte[] b = new byte[jar.length];
        Arrays.fill(b, (byte) 'x');
        yield b;
      }
      default -> Arrays.copyOf(jar, Integer.parseInt(how.substring("cut at ".length())));
    };
  }

  /**
   * Offsets of the zip local headers: a jar cut there still reads without an error, minus the
   * classes after the cut (a bare jar would load and fail at the first call).
   */
  private static List<Integer> localHeaders(byte[] jar) {
    List<Integer> at = new ArrayList<>();
    for (int i = 1; i + 3 < jar.length; i++) {
      if (jar[i] == 'P' && jar[i + 1] == 'K' && jar[i + 2] == 3 && jar[i + 3] == 4) {
        at.add(i);
      }
    }
    return at;
  }

  @Test
  void anotherChicoryVersionsCodeIsNeverLoaded(@TempDir Path dir) throws IOException {
    HostEngine seed = HostEngine.create(dir);
    compileAndGreet(seed);
    Path ours = entries(dir).get(0).getParent();
    Path other = dir.resolve("chicory-0.0.1");
    Files.move(ours, other);

    HostEngine engine = HostEngine.create(dir);
    compileAndGreet(engine);
    assertThat(engine.diskCacheHits()).isZero();
    assertThat(engine.compilations()).isEqualTo(seed.compilations());
    assertThat(Files.list(other).count()).isEqualTo(seed.compilations());
  }

  @Test
  void anUnusableDirectoryLeavesAnInMemoryCache(@TempDir Path tmp) throws IOException {
    Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
    HostEngine engine = HostEngine.create(notADirectory);
    assertThat(engine.cacheDirectory()).isEmpty();
    compileAndGreet(engine);
    assertThat(engine.compilations()).isPositive();
    assertThat(Files.readString(notADirectory)).isEqualTo("x");
  }

  @Test
  void anEntryThatCannotBeWrittenIsAMissEveryTime(@TempDir Path dir) throws IOException {
    HostEngine seed = HostEngine.create(dir);
    compileAndGreet(seed);
    List<Path> files = entries(dir);
    for (Path f : files) {
      // a directory where the entry should be: neither readable as bytes nor replaceable
      Files.delete(f);
      Files.createDirectory(f);
    }
    for (int run = 0; run < 2; run++) {
      HostEngine engine = HostEngine.create(dir);
      compileAndGreet(engine);
      assertThat(engine.compilations()).isEqualTo(seed.compilations());
      assertThat(engine.diskCacheHits()).isZero();
    }
  }

  @Test
  void enginesSharingADirectoryCompileConcurrently(@TempDir Path dir) throws Exception {
    int hosts = 4;
    CyclicBarrier together = new CyclicBarrier(hosts);
    ExecutorService pool = Executors.newFixedThreadPool(hosts);
    try {
      List<Future<Long>> done = new ArrayList<>();
      for (int i = 0; i < hosts; i++) {
        Callable<Long> host =
            () -> {
              HostEngine engine = HostEngine.create(dir);
              together.await();
              compileAndGreet(engine);
              return engine.compilations() + engine.diskCacheHits();
            };
        done.add(pool.submit(host));
      }
      for (Future<Long> f : done) {
        assertThat(f.get()).isPositive();
      }
    } finally {
      pool.shutdownNow();
    }
    List<Path> files = entries(dir);
    assertThat(files).noneMatch(f -> f.getFileName().toString().endsWith(".tmp"));
    HostEngine after = HostEngine.create(dir);
    compileAndGreet(after);
    assertThat(after.compilations()).isZero();
    assertThat(files).hasSize((int) after.diskCacheHits());
  }
}
