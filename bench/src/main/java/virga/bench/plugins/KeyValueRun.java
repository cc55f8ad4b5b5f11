package virga.bench.plugins;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import virga.bench.host.KeyValues;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.plugin.PluginRegistry;
import virga.host.workload.GuestOutput;
import virga.host.workload.WorkloadHost;
import virga.plugins.keyvalue.WasiKeyValuePlugin;
import virga.protocol.v2.Component;
import virga.protocol.v2.WitInterface;
import virga.protocol.v2.WitWorld;
import virga.protocol.v2.Workload;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;

/**
 * {@code PluginBench keyvalue}: the kv-counter example on a real host with {@code wasi-keyvalue} on
 * each backend, its {@code /ping}, {@code /set/K/V} and {@code /get/K} called in this process, and
 * the same set and get by the backend's plain Java client, interleaved in blocks so that all five
 * share the machine's load; prints {@code key=value} lines.
 */
final class KeyValueRun {
  private static final String AUTHORITY = "kv.localhost";
  private static final List<String> OPS = List.of("ping", "set", "get", "plain_set", "plain_get");

  private final int warmup;
  private final int jitWarmup;
  private final int rounds;
  private final int batch;
  private final int poolSize;
  private final Path example;
  private final Path dir;
  private final String[] keys;
  private final String value;
  private final byte[] valueBytes;

  private KeyValueRun(Options o) {
    warmup = o.integer("warmup", 1000);
    jitWarmup = o.integer("jit-warmup", 20000);
    rounds = o.integer("rounds", 10);
    batch = o.integer("batch", 200);
    poolSize = o.integer("pool-size", 2);
    example = Path.of(o.text("example", null)).toAbsolutePath();
    dir = Path.of(o.text("dir", null)).toAbsolutePath();
    int keyCount = o.integer("keys", 16);
    keys = new String[keyCount];
    for (int i = 0; i < keyCount; i++) {
      keys[i] = String.format(Locale.ROOT, "bench-%02d", i); // 8 bytes each
    }
    char[] v = new char[o.integer("value-bytes", 64)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (char) ('a' + i % 26); // path-safe, so the guest stores the text as sent
    }
    value = new String(v);
    valueBytes = value.getBytes(StandardCharsets.UTF_8);
  }

  static void run(Options o) throws Exception {
    KeyValueRun r = new KeyValueRun(o);
    List<String> backends = o.words("backends", "in-memory filesystem nats redis");
    KeyValues out = new KeyValues();
    out.put("kv_backends", String.join(",", backends))
        .put("kv_warmup", r.warmup)
        .put("kv_jit_warmup", r.jitWarmup)
        .put("kv_rounds", r.rounds)
        .put("kv_batch", r.batch)
        .put("kv_pool_size", r.poolSize)
        .put("kv_keys", r.keys.length)
        .put("kv_key_bytes", r.keys[0].length())
        .put("kv_value_bytes", r.valueBytes.length);
    try (BenchServers servers = new BenchServers(backends.contains("redis"))) {
      // at once, so that the script knows the ports to check even if this run fails
      System.out.print(servers.describe());
      System.out.flush();
      boolean first = true;
      for (String b : backends) {
        System.err.printf("keyvalue: %s%n", b);
        out.raw(r.measure(KvTarget.of(b, servers, r.dir.resolve(b)), first));
        first = false;
      }
    }
    out.print();
  }

  /** One operation, called with the number of the call; answers what is checked after timing. */
  private interface Call {
    String run(int i) throws Exception;
  }

  /**
   * Measures {@code t}; the {@code first} backend also warms up the JIT for the guest and the host
   * (the engine's code is shared by all backends, so later ones start warm).
   */
  private String measure(KvTarget t, boolean first) throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (t;
        WorkloadHost host = host(t, meters)) {
      WorkloadStatus s = host.start(workload());
      if (s.getWorkloadState() != WorkloadState.WORKLOAD_STATE_RUNNING) {
        throw new IllegalStateException(
            t.backend() + ": kv-counter is " + s.getWorkloadState() + ": " + s.getMessage());
      }
      GuestCall guest =
          new GuestCall(host.running("kv").orElseThrow().http().orElseThrow().handler(), AUTHORITY);
      String[] setPaths =
          Arrays.stream(keys).map(k -> "/set/" + k + "/" + value).toArray(String[]::new);
      String[] getPaths = Arrays.stream(keys).map(k -> "/get/" + k).toArray(String[]::new);
      PlainKv plain = t.plain();
      int n = keys.length;
      Call[] calls = {
        i -> answer(guest.get("/ping")),
        i -> answer(guest.get(setPaths[i % n])),
        i -> answer(guest.get(getPaths[i % n])),
        i -> {
          plain.set(keys[i % n], valueBytes);
          return "ok";
        },
        i -> {
          byte[] v = plain.get(keys[i % n]);
          return v == null ? "null" : new String(v, StandardCharsets.UTF_8);
        }
      };
      String[] expected = {"200 pong\n", "200 ok\n", "200 " + value + "\n", "ok", value};
      int warmupCalls = warmup + (first ? jitWarmup : 0);
      Samples[] samples = new Samples[OPS.size()];
      for (int op = 0; op < calls.length; op++) {
        samples[op] = new Samples();
        for (int i = 0; i < warmupCalls; i++) { // sets first, so that every get finds its key
          check(t, op, calls[op].run(i), expected[op]);
        }
      }
      for (int round = 0; round < rounds; round++) {
        for (int op = 0; op < calls.length; op++) {
          for (int i = 0; i < batch; i++) {
            long t0 = System.nanoTime();
            String got = calls[op].run(i);
            samples[op].add(System.nanoTime() - t0);
            check(t, op, got, expected[op]);
          }
        }
      }
      // every guest set and get made its open and its call, each counted ok by the plugin
      long expectedCalls = 2L * 2 * (warmupCalls + (long) rounds * batch);
      long ok = 0;
      for (Counter c : meters.find("virga.wasi.keyvalue.calls").counters()) {
        ok += "ok".equals(c.getId().getTag("outcome")) ? (long) c.count() : 0;
      }
      if (ok != expectedCalls) {
        throw new IllegalStateException(
            t.backend() + ": the plugin counted " + ok + " ok calls, expected " + expectedCalls);
      }
      return report(prefix(t.backend()), samples)
          + prefix(t.backend())
          + "_plugin_calls_ok="
          + ok
          + "\n";
    }
  }

  private static String report(String p, Samples[] samples) {
    StringBuilder b = new StringBuilder();
    for (int op = 0; op < OPS.size(); op++) {
      b.append(samples[op].keyValues(p + "_" + OPS.get(op)));
      b.append(
          String.format(
              Locale.ROOT,
              "%s_%s_ops_s=%.0f%n",
              p,
              OPS.get(op),
              samples[op].opsPerSecondSequential()));
    }
    // guest op / plain op, by mean time (= the ops/s ratio) and by median; what the op adds over
    // /ping, the same guest round trip without the keyvalue calls (the plugin's and the store's
    // share)
    Samples ping = samples[0];
    for (String op : List.of("set", "get")) {
      Samples guest = samples[OPS.indexOf(op)];
      Samples plain = samples[OPS.indexOf("plain_" + op)];
      b.append(
          String.format(
              Locale.ROOT,
              "%1$s_%2$s_ratio=%3$.1f%n%1$s_%2$s_ratio_p50=%4$.1f%n"
                  + "%1$s_%2$s_over_ping_us=%5$.1f%n%1$s_%2$s_over_ping_p50_us=%6$.1f%n",
              p,
              op,
              plain.opsPerSecondSequential() / guest.opsPerSecondSequential(),
              (double) guest.p50() / plain.p50(),
              1e6 / guest.opsPerSecondSequential() - 1e6 / ping.opsPerSecondSequential(),
              (guest.p50() - ping.p50()) / 1e3));
    }
    return b.toString();
  }

  private static String prefix(String backend) {
    return "kv_" + backend.replace('-', '_');
  }

  private static String answer(GuestCall.Answer a) {
    return a.status() + " " + a.body();
  }

  private static void check(KvTarget t, int op, String got, String expected) {
    if (!got.equals(expected)) {
      throw new IllegalStateException(
          t.backend() + " " + OPS.get(op) + ": expected '" + expected + "', got '" + got + "'");
    }
  }

  private WorkloadHost host(KvTarget t, SimpleMeterRegistry meters) {
    WasiKeyValuePlugin plugin = new WasiKeyValuePlugin();
    PluginRegistry plugins = new PluginRegistry().register(plugin);
    for (Map.Entry<String, String> e : t.settings().entrySet()) {
      plugins.configure(plugin.id(), e.getKey(), e.getValue());
    }
    WorkloadHost.Builder b =
        WorkloadHost.builder()
            .artifacts(new LocalArtifactResolver(example))
            .guestOutput(GuestOutput.DISCARD)
            .meterRegistry(meters)
            .plugins(plugins);
    if (t.shared() != null) {
      b.shared(Connection.class, t.shared());
    }
    return b.build();
  }

  /**
   * kv-counter with its wasi:http and wasi:keyvalue entries (as its workload.yaml), a warm pool.
   */
  private WorkloadStartRequest workload() {
    Workload w =
        Workload.newBuilder()
            .setNamespace("bench")
            .setName("kv-counter")
            .setWitWorld(
                WitWorld.newBuilder()
                    .addComponents(
                        Component.newBuilder()
                            .setName("kv-counter")
                            .setImage("kv-counter.wasm")
                            .setPoolSize(poolSize))
                    .addHostInterfaces(
                        WitInterface.newBuilder()
                            .setNamespace("wasi")
                            .setPackage("http")
                            .addInterfaces("incoming-handler")
                            .putConfig("host", AUTHORITY))
                    .addHostInterfaces(
                        WitInterface.newBuilder()
                            .setNamespace("wasi")
                            .setPackage("keyvalue")
                            .addInterfaces("store")
                            .addInterfaces("atomics")
                            .setVersion("0.2.0-draft")))
            .build();
    return WorkloadStartRequest.newBuilder().setWorkloadId("kv").setWorkload(w).build();
  }
}
