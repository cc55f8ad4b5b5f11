package virga.wasi.guests;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import virga.component.Component;
import virga.component.Linker;
import virga.component.core.InstanceLimits;
import virga.wasi.CommandRunner;
import virga.wasi.Preopen;
import virga.wasi.WasiContext;
import virga.wasi.guest.GuestsAccess;

/**
 * Runs the multi-language command guests ({@code guests/wasi-rust-command}, {@code
 * guests/wasi-js-command}) on the JVM host and under node {@code jco run}, from one {@link
 * Invocation} that both sides map the same way: args (argv[0] is the fixture name, as {@code jco
 * run} makes it), environment variables, stdin bytes, a working directory and an optional host
 * directory preopened at {@link #GUEST_DIR}.
 */
final class CommandGuests {
  static final Path GUESTS = Path.of("../../guests");
  static final Path JCO = GUESTS.resolve("tools/node_modules/.bin/jco");
  static final Path SHIM_FS =
      GUESTS.resolve(
          "tools/node_modules/@bytecodealliance/preview2-shim/dist/nodejs/filesystem.js");

  /** Where the guests see their preopen. */
  static final String GUEST_DIR = "/sandbox";

  static final String RUST = "wasi-rust-command";

  static final String JS = "wasi-js-command";

  /** Compile time of each fixture, in ms (compiled once per JVM). */
  static final Map<String, Long> COMPILE_MS = new ConcurrentHashMap<>();

  private CommandGuests() {}

  /** One run's inputs. */
  record Invocation(
      String fixture,
      List<String> args,
      Map<String, String> env,
      byte[] stdin,
      String cwd,
      Path preopen) {
    Invocation {
      args = List.copyOf(args);
      env = new LinkedHashMap<>(env);
    }

    /** argv as the guest sees it: the fixture name, then {@link #args}. */
    List<String> argv() {
      List<String> argv = new ArrayList<>();
      argv.add(fixture);
      argv.addAll(args);
      return argv;
    }
  }

  /** An exit code with the guest's stdout and stderr. */
  record Run(int code, String stdout, String stderr) {}

  /** A non-ASCII value for the {@code UNICODE} variable. */
  static final String UNICODE = "h\u20acllo \uD83C\uDF89";

  /** {@code inv} with {@code name=value} added to its environment. */
  static Invocation withEnv(Invocation inv, String name, String value) {
    Map<String, String> env = new LinkedHashMap<>(inv.env());
    env.put(name, value);
    return new Invocation(inv.fixture(), inv.args(), env, inv.stdin(), inv.cwd(), inv.preopen());
  }

  /** {@code inv} with {@code dir} preopened at {@link #GUEST_DIR}. */
  static Invocation withPreopen(Invocation inv, Path dir) {
    return new Invocation(inv.fixture(), inv.args(), inv.env(), inv.stdin(), inv.cwd(), dir);
  }

  /** {@code inv} with another working directory. */
  static Invocation withCwd(Invocation inv, String cwd) {
    return new Invocation(inv.fixture(), inv.args(), inv.env(), inv.stdin(), cwd, inv.preopen());
  }

  /** {@code inv} with other stdin bytes. */
  static Invocation withStdin(Invocation inv, byte[] stdin) {
    return new Invocation(inv.fixture(), inv.args(), inv.env(), stdin, inv.cwd(), inv.preopen());
  }

  /** {@code fixture} with {@code GREETING=hi}, cwd {@code /}, no preopen. */
  static Invocation invocation(String fixture, String stdin, String... args) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GREETING", "hi");
    return new Invocation(
        fixture, List.of(args), env, stdin.getBytes(StandardCharsets.UTF_8), "/", null);
  }

  static Component component(String fixture) {
    long start = System.nanoTime();
    Component c = GuestsAccess.component(fixture);
    COMPILE_MS.putIfAbsent(fixture, (System.nanoTime() - start) / 1_000_000);
    return c;
  }

  /** Runs {@code inv} on the JVM host. */
  static Run jvm(Invocation inv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    WasiContext.Builder b =
        WasiContext.builder()
            .args(inv.argv())
            .env(inv.env())
            .cwd(inv.cwd())
            .stdin(new ByteArrayInputStream(inv.stdin()))
            .stdout(out)
            .stderr(err);
    if (inv.preopen() != null) {
      b.preopen(new Preopen(inv.preopen(), GUEST_DIR, false));
    }
    // CommandRunner closes the context
    int code =
        CommandRunner.run(component(inv.fixture()), new Linker(), b.build(), InstanceLimits.NONE);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Skips when node/jco are missing, but fails under {@code CI=true}: there the oracle must run.
   */
  static void requireJco() {
    boolean present = Files.isExecutable(JCO) && onPath("node");
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("CI=true but node or " + JCO + " is missing (cd guests/tools && npm install)");
    }
    assumeTrue(present, "node or jco not installed (cd guests/tools && npm install)");
  }

  /** FNV-1a 32 as the guests print it (8 hex digits). */
  static String fnv1a(byte[] bytes) {
    int h = 0x811c9dc5;
    for (byte b : bytes) {
      h = (h ^ (b & 0xff)) * 0x01000193;
    }
    return String.format("%08x", h);
  }

  private static boolean onPath(String exe) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, exe))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs {@code inv} under {@code jco run}: args on its command line (jco makes argv[0] the file's
   * base name), environment variables through node's own environment (preview2-shim hands the guest
   * node's {@code process.env}), stdin piped, the working directory as the node process's directory
   * (the shim's initial-cwd is {@code process.cwd()}), and the preopen through a {@code
   * --jco-import} module that replaces the shim's default {@code /} preopen with the one mapping.
   */
  static Run node(Invocation inv, Path scratch) throws IOException, InterruptedException {
    Path setup = Files.createTempFile(scratch, "preopens", ".mjs");
    String mapping =
        inv.preopen() == null
            ? "{}"
            : "{ '" + GUEST_DIR + "': '" + inv.preopen().toRealPath() + "' }";
    Files.writeString(
        setup,
        "import { _setPreopens } from '"
            + SHIM_FS.toRealPath().toUri()
            + "';\n_setPreopens("
            + mapping
            + ");\n");
    List<String> cmd = new ArrayList<>();
    cmd.add(JCO.toRealPath().toString());
    cmd.add("run");
    cmd.add("--jco-import");
    cmd.add(setup.toString());
    cmd.add(GUESTS.resolve("wasm/" + inv.fixture() + ".wasm").toRealPath().toString());
    cmd.addAll(inv.args());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of(inv.cwd()).toFile());
    Map<String, String> env = pb.environment();
    env.remove("CI");
    env.putAll(inv.env());
    // QuickJS cores use extended-const, which node 20 only has behind a flag
    env.put("JCO_RUN_ARGS", "--experimental-wasm-extended-const");
    Path out = Files.createTempFile(scratch, "jco-out", ".txt");
    Path err = Files.createTempFile(scratch, "jco-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().write(inv.stdin());
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("jco run did not finish");
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
