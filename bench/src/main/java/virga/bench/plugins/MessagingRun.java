package virga.bench.plugins;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import virga.bench.host.KeyValues;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.plugin.PluginRegistry;
import virga.host.workload.GuestOutput;
import virga.host.workload.WorkloadHost;
import virga.plugins.messaging.NatsMessagingPlugin;
import virga.protocol.manifest.ManifestText;
import virga.protocol.manifest.StandaloneManifest;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;

/**
 * {@code PluginBench messaging}: the message-echo example from its workload.yaml on a real host
 * with {@code wasmcloud-messaging} on a real nats-server, and a plain jnats echo responder on the
 * same server, each under the same request/reply load ({@link Requesters}) at each concurrency
 * level, alternating; prints {@code key=value} lines.
 */
final class MessagingRun {
  private static final String GUEST_SUBJECT = "echo.request"; // the subscription in workload.yaml
  private static final String PLAIN_SUBJECT = "plain.echo";

  private MessagingRun() {}

  static void run(Options o) throws Exception {
    Path example = Path.of(o.text("example", null)).toAbsolutePath();
    List<Integer> levels = o.words("levels", "1 8").stream().map(Integer::valueOf).toList();
    int rounds = o.integer("rounds", 2);
    Duration time = Duration.ofSeconds(o.integer("seconds", 5));
    Duration warmup = Duration.ofSeconds(o.integer("warmup-seconds", 2));
    int poolSize = o.integer("pool-size", -1); // -1: as workload.yaml says
    char[] text = new char[o.integer("body-bytes", 64)];
    Arrays.fill(text, 'm');
    byte[] body = new String(text).getBytes(StandardCharsets.UTF_8);
    byte[] expected = ("echo: " + new String(text)).getBytes(StandardCharsets.UTF_8);

    KeyValues out = new KeyValues();
    try (BenchServers servers = new BenchServers(false)) {
      // at once, so that the script knows the ports to check even if this run fails
      System.out.print(servers.describe());
      System.out.flush();
      Connection hostConnection = servers.connect();
      MeterRegistry meters = new SimpleMeterRegistry();
      try (WorkloadHost host =
              WorkloadHost.builder()
                  .artifacts(new LocalArtifactResolver(example))
                  .guestOutput(GuestOutput.DISCARD)
                  .shared(Connection.class, hostConnection)
                  .meterRegistry(meters)
                  .plugins(new PluginRegistry().register(new NatsMessagingPlugin()))
                  .build();
          EchoResponder plain = new EchoResponder(servers.connect(), PLAIN_SUBJECT)) {
        WorkloadStartRequest start = startRequest(example, poolSize);
        out.put("msg_pool_size", start.getWorkload().getWitWorld().getComponents(0).getPoolSize());
        WorkloadStatus s = host.start(start);
        if (s.getWorkloadState() != WorkloadState.WORKLOAD_STATE_RUNNING) {
          throw new IllegalStateException(
              "message-echo is " + s.getWorkloadState() + ": " + s.getMessage());
        }
        Connection client = servers.connect();
        for (String subject : List.of(GUEST_SUBJECT, PLAIN_SUBJECT)) {
          Message m = client.request(subject, body, Duration.ofSeconds(10));
          if (m == null || !Arrays.equals(m.getData(), expected)) {
            throw new IllegalStateException(
                subject
                    + " did not echo: "
                    + (m == null ? "no reply" : new String(m.getData(), StandardCharsets.UTF_8)));
          }
        }
        out.put(
                "msg_levels",
                levels.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""))
            .put("msg_rounds", rounds)
            .put("msg_seconds", time.toSeconds())
            .put("msg_warmup_seconds", warmup.toSeconds())
            .put("msg_body_bytes", body.length);
        long guestRequests = 1; // the check above
        for (int level : levels) {
          Samples[] merged = {new Samples(), new Samples()};
          long[] errors = new long[2];
          long[] nanos = new long[2];
          for (int round = 0; round < rounds; round++) {
            for (int target = 0; target < 2; target++) { // alternate, so both see the same load
              String subject = target == 0 ? GUEST_SUBJECT : PLAIN_SUBJECT;
              System.err.printf(
                  "messaging: %d requesters, round %d, %s%n", level, round + 1, subject);
              Requesters.Load w = Requesters.run(client, subject, body, expected, level, warmup);
              Requesters.Load l = Requesters.run(client, subject, body, expected, level, time);
              if (target == 0) {
                guestRequests +=
                    w.samples().count() + w.errors() + l.samples().count() + l.errors();
              }
              merged[target].addAll(l.samples());
              errors[target] += l.errors();
              nanos[target] += l.nanos();
            }
          }
          double[] rps = new double[2];
          for (int target = 0; target < 2; target++) {
            String p = "msg_" + (target == 0 ? "guest" : "plain") + "_c" + level;
            rps[target] = merged[target].count() * 1e9 / nanos[target];
            out.raw(merged[target].keyValues(p));
            out.raw(
                String.format(
                    Locale.ROOT, "%s_rps=%.0f%n%s_errors=%d%n", p, rps[target], p, errors[target]));
          }
          out.raw(String.format(Locale.ROOT, "msg_c%d_ratio=%.2f%n", level, rps[1] / rps[0]));
        }
        client.close();
        // a reply can reach the requester before its handler call has returned and been counted
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (count(meters, "virga.messaging.handled", null, null) < guestRequests
            && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        out.put("msg_guest_requests", guestRequests)
            .put("msg_handled_ok", (long) count(meters, "virga.messaging.handled", "outcome", "ok"))
            .put(
                "msg_handled_error",
                (long) count(meters, "virga.messaging.handled", "outcome", "error"))
            .put(
                "msg_handled_trap",
                (long) count(meters, "virga.messaging.handled", "outcome", "trap"))
            .put("msg_shed", (long) count(meters, "virga.messaging.admission.shed", null, null));
      } finally {
        hostConnection.close();
      }
    }
    out.print();
  }

  /**
   * The start request of workload.yaml; {@code poolSize} >= 0 replaces the component's pool size.
   */
  private static WorkloadStartRequest startRequest(Path example, int poolSize) throws Exception {
    String yaml = Files.readString(example.resolve("workload.yaml"));
    WorkloadStartRequest r =
        StandaloneManifest.read(
                "workload.yaml", List.of(new ManifestText("workload.yaml", yaml)), List.of())
            .startRequests()
            .get(0);
    if (poolSize < 0) {
      return r;
    }
    WorkloadStartRequest.Builder b = r.toBuilder();
    b.getWorkloadBuilder().getWitWorldBuilder().getComponentsBuilder(0).setPoolSize(poolSize);
    return b.build();
  }

  private static double count(MeterRegistry meters, String name, String tag, String value) {
    double sum = 0;
    var search = meters.find(name);
    if (tag != null) {
      search = search.tag(tag, value);
    }
    for (Counter c : search.counters()) {
      sum += c.count();
    }
    return sum;
  }
}
