package virga.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * A real PostgreSQL 15 on 127.0.0.1 and a free port, with its data directory and unix socket in a
 * temporary directory, user {@value #USER} trusted without password; stopped and deleted (with a
 * shutdown hook as a backstop) when closed. As root, initdb and postgres run as the {@code
 * postgres} user through {@code runuser}, since both refuse to run as root.
 */
public final class PostgresServer implements AutoCloseable {
  /** Where the PostgreSQL binaries are: system property or environment variable {@value}. */
  public static final String SETTING = "POSTGRES_BIN_DIR";

  /** The superuser the tests connect as (trusted, no password). */
  public static final String USER = "test";

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private final Path dir;
  private final Path data;
  private final int port;
  private final Thread shutdownHook;
  private volatile boolean running;

  private PostgresServer(Path dir, int port) {
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
    this.shutdownHook = new Thread(this::stopQuietly, "postgres-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** The directory of the binaries: {@value #SETTING}, else Debian's PostgreSQL 15. */
  public static Path binDir() {
    return Path.of(Prerequisites.setting(SETTING, "/usr/lib/postgresql/15/bin"));
  }

  /** Enabled when PostgreSQL is installed; skipped locally, failing on CI, when it is not. */
  public static ConditionEvaluationResult available() {
    return Prerequisites.check("postgresql", binaries());
  }

  static List<Path> binaries() {
    return List.of(
        binDir().resolve("initdb"), binDir().resolve("pg_ctl"), binDir().resolve("psql"));
  }

  /** Creates a cluster in a new temporary directory, starts it on a free port and waits for it. */
  public static PostgresServer start() {
    Path dir;
    try {
      dir = Files.createTempDirectory("virga-postgres-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for PostgreSQL", e);
    }
    PostgresServer server = new PostgresServer(dir, FreePorts.find());
    try {
      server.init();
      server.restart();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private void init() {
    if (isRoot()) {
      chownToPostgres(dir);
    }
    run(
        List.of(
            bin("initdb"),
            "-D",
            data.toString(),
            "-A",
            "trust",
            "-U",
            USER,
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync"),
        "initdb");
  }

  /** Starts the server again (on the same port and data) after {@link #stop}; no-op if running. */
  public synchronized void restart() {
    if (running) {
      return;
    }
    run(
        List.of(
            bin("pg_ctl"),
            "-D",
            data.toString(),
            "-l",
            dir.resolve("postgres.log").toString(),
            "-o",
            "-p "
                + port
                + " -k "
                + dir
                + " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off",
            "-w",
            "-t",
            "30",
            "start"),
        "pg_ctl start");
    running = true;
  }

  /**
   * Stops the server at once ({@code pg_ctl stop -m immediate}): every open connection breaks, as
   * when a database host goes away. {@link #restart} brings it back.
   */
  public synchronized void stop() {
    if (!running) {
      return;
    }
    run(
        List.of(bin("pg_ctl"), "-D", data.toString(), "-m", "immediate", "-w", "stop"),
        "pg_ctl stop");
    running = false;
  }

  /** Whether the server runs. */
  public boolean isRunning() {
    return running;
  }

  /** The port it listens on (127.0.0.1). */
  public int port() {
    return port;
  }

  /**
   * The server as wasmCloud's {@code --postgres-url} names it, without database: {@code
   * postgres://test@127.0.0.1:PORT}.
   */
  public String url() {
    return "postgres://" + USER + "@127.0.0.1:" + port;
  }

  /** A JDBC URL of {@code database}, with the user. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
  }

  /** Creates database {@code name}. */
  public void createDatabase(String name) {
    psql("postgres", "CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
  }

  /**
   * Runs {@code sql} in {@code database} with psql (stopping at the first error) and its output.
   */
  public String psql(String database, String sql) {
    return run(
            List.of(
                bin("psql"),
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-U",
                USER,
                "-d",
                database,
                "-v",
                "ON_ERROR_STOP=1",
                "-X",
                "-q",
                "-A",
                "-t",
                "-c",
                sql),
            "psql")
        .stdout();
  }

  /** Stops the server and deletes its directory. */
  @Override
  public void close() {
    stopQuietly();
    deleteTree(dir);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (RuntimeException e) {
      // best effort: the cluster may never have started
    }
  }

  private String bin(String name) {
    return binDir().resolve(name).toString();
  }

  private CommandResult run(List<String> command, String what) {
    List<String> full = new ArrayList<>();
    if (isRoot()) {
      // initdb and postgres refuse to run as root
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    CommandResult r = Commands.run(full, COMMAND_TIMEOUT);
    if (!r.succeeded()) {
      throw new IllegalStateException(what + " failed: " + r + logTail());
    }
    return r;
  }

  private String logTail() {
    Path log = dir.resolve("postgres.log");
    try {
      if (Files.exists(log)) {
        List<String> lines = Files.readAllLines(log);
        return "\npostgres.log:\n"
            + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
      }
    } catch (IOException e) {
      // only a diagnostic
    }
    return "";
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void chownToPostgres(Path path) {
    try {
      UserPrincipal postgres =
          path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(path, postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot give " + path + " to user postgres", e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // a leftover temp file is harmless
                }
              });
    } catch (IOException e) {
      // a leftover temp dir is harmless
    }
  }
}
