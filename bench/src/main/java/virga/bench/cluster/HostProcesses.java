package virga.bench.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Real {@code bin/host cluster} processes ({@code java -jar virga-host-*-cli.jar cluster}, as
 * {@code bin/host} runs it), each started with {@code setsid} in a process group of its own (its
 * pid is the group id, appended to a pid file so that the script can kill what a crashed driver
 * leaves behind), stopped with SIGTERM (drain) or SIGKILL.
 */
final class HostProcesses implements AutoCloseable {
  /** Fails when the process a wait depends on has died. */
  interface Liveness {
    void check();
  }

  private final Path hostJar;
  private final String natsUrl;
  private final Path logDir;
  private final Path pidFile;
  private final String javaOpts;
  private final Map<String, Process> running = new ConcurrentHashMap<>();

  HostProcesses(Path hostJar, String natsUrl, Path logDir, Path pidFile, String javaOpts) {
    this.hostJar = hostJar;
    this.natsUrl = natsUrl;
    this.logDir = logDir;
    this.pidFile = pidFile;
    this.javaOpts = javaOpts;
  }

  /**
   * Starts host {@code hostId}; {@code hostName} is the heartbeat's hostname (the pod IP the
   * operator matches on pod deletion). Its stderr and stdout go to {@code <logDir>/<hostId>.log}.
   */
  Process start(String hostId, String hostName, String hostGroup, List<String> extra)
      throws IOException {
    // what bin/host runs (java $VIRGA_JAVA_OPTS -jar the CLI jar), from the script's snapshot of
    // the jar: a build elsewhere in the tree replaces target/*.jar under a running JVM, whose next
    // class load then fails (NoClassDefFoundError)
    List<String> cmd = new ArrayList<>();
    cmd.add("setsid");
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (!javaOpts.isBlank()) {
      cmd.addAll(List.of(javaOpts.trim().split("\\s+")));
    }
    cmd.add("-Xlog:gc:file=" + gcLog(hostId)); // for the heap figures
    cmd.add("-jar");
    cmd.add(hostJar.toString());
    cmd.add("cluster");
    cmd.addAll(
        List.of(
            "--scheduler-nats-url", natsUrl,
            "--host-id", hostId,
            "--host-name", hostName,
            "--host-group", hostGroup,
            "--http-addr", "127.0.0.1:0",
            "--drain-timeout", "5s"));
    cmd.addAll(extra);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Path log = logDir.resolve(hostId + ".log");
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // a GC log per host for the heap figures (a restarted host rotates the last one away)
    pb.environment().put("VIRGA_JAVA_OPTS", javaOpts + " -Xlog:gc:file=" + gcLog(hostId));
    pb.environment().remove("POD_NAME");
    Process p = pb.start();
    Files.writeString(
        pidFile,
        HostProcesses.pidLine(p.pid()),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    running.put(hostId, p);
    return p;
  }

  /**
   * {@code "<pid> <start time>\n"}: the start time (field 22 of /proc/PID/stat, in clock ticks
   * since boot) lets the script's cleanup tell the process from a later one that reuses its pid.
   */
  static String pidLine(long pid) {
    String start = "0";
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      start = after[19];
    } catch (IOException | RuntimeException e) {
      // the process is gone already: the script's cleanup skips a start time of 0
    }
    return pid + " " + start + "\n";
  }

  /** The GC log of host {@code hostId}. */
  Path gcLog(String hostId) {
    return logDir.resolve(hostId + ".gc.log");
  }

  /** A liveness check that fails once host {@code hostId} has exited. */
  Liveness alive(String hostId) {
    return () -> {
      Process p = running.get(hostId);
      if (p == null || !p.isAlive()) {
        throw new IllegalStateException(
            "host "
                + hostId
                + " exited"
                + (p == null ? "" : " with " + p.exitValue())
                + ": see "
                + logDir.resolve(hostId + ".log"));
      }
    };
  }

  /** SIGKILL: the host dies without a word. */
  void kill(String hostId) throws InterruptedException {
    Process p = running.remove(hostId);
    if (p != null) {
      p.destroyForcibly(); // SIGKILL on Linux
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** SIGTERM: the host drains; waits at most {@code seconds} for it to exit, then SIGKILL. */
  void terminate(String hostId, int seconds) throws InterruptedException {
    Process p = running.remove(hostId);
    if (p != null) {
      p.destroy(); // SIGTERM on Linux
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** Sends SIGTERM without waiting (a pod being deleted: the kubelet signals the host). */
  void signalTerm(String hostId) {
    Process p = running.get(hostId);
    if (p != null) {
      p.destroy();
    }
  }

  /** The resident set of host {@code hostId} in MB, from /proc, or -1. */
  long rssMb(String hostId) {
    Process p = running.get(hostId);
    return p == null ? -1 : rssMb(p.pid());
  }

  /** The resident set of process {@code pid} in MB, from /proc, or -1. */
  static long rssMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  @Override
  public void close() throws InterruptedException {
    for (String id : List.copyOf(running.keySet())) {
      terminate(id, 10);
    }
  }
}
