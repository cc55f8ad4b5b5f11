package virga.host.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import virga.host.examples.HostProcess.Response;
import virga.testsupport.RedisServer;

/**
 * The four examples of {@code examples/}, each run through {@code bin/host run} with the commands
 * of its README, as a user runs them.
 */
@Timeout(180)
class ExamplesIT {
  static final Duration START = Duration.ofSeconds(60);

  @Test
  void configInjectionShowsThePrecedence() throws Exception {
    try (HostProcess host =
        HostProcess.start(
            "run", "examples/config-injection/workload.yaml", "--http-addr", "127.0.0.1:0")) {
      int port = host.httpPort(START);
      assertThat(host.output())
          .contains("default/config-injection: RUNNING")
          .contains("for hosts config.localhost");
      Response config = HostProcess.get(port, "config.localhost", "/");
      assertThat(config.status()).isEqualTo(200);
      assertThat(config.body())
          .isEqualTo(
              "API_KEY=s3cr3t-from-the-secret\n"
                  + "APP_NAME=config-injection\n"
                  + "LOG_LEVEL=info\n"
                  + "ONLY_IN_INTERFACE=x\n"
                  + "REGION=eu-west\n"
                  + "UPSTREAM_URL=https://api.example.com\n");
      assertThat(HostProcess.get(port, "config.localhost", "/env").body())
          .isEqualTo(
              "API_KEY=s3cr3t-from-the-secret\n"
                  + "APP_NAME=config-injection\n"
                  + "LOG_LEVEL=info\n"
                  + "UPSTREAM_URL=https://api.example.com\n");
      assertThat(HostProcess.get(port, "other.localhost", "/").status()).isEqualTo(404);
      assertThat(host.stop()).isZero();
      assertThat(host.output()).contains("stopping 1 workload(s)...");
    }
  }

  @Test
  void cronServiceCallsItsComponentEverySecond() throws Exception {
    try (HostProcess host = HostProcess.start("run", "examples/cron-service/workload.yaml")) {
      host.await("default/cron-service: RUNNING", START);
      host.await("tick 3: invoke -> ok", Duration.ofSeconds(30));
      assertThat(host.stop()).isZero();
      assertThat(host.count("Starting cron-service with 1 second intervals...")).isEqualTo(1);
      assertThat(host.count("Hello from the cron-component!")).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void crashingServiceRestartsInAFreshInstanceUntilTheBudgetIsSpent() throws Exception {
    try (HostProcess host =
        HostProcess.start("run", "examples/cron-service/workload-crashy.yaml")) {
      // every workload ended (ERROR): the host exits by itself, 1 for the failed workload
      assertThat(host.awaitExit(Duration.ofSeconds(120))).isEqualTo(1);
      String out = host.output();
      // each incarnation starts afresh and ticks twice before its third tick traps: 1 + 3 restarts
      assertThat(host.count("Starting cron-service with 1 second intervals...")).isEqualTo(4);
      assertThat(host.count("Hello from the cron-component!")).isEqualTo(8);
      assertThat(host.count("tick 3: crashing on purpose (CRASH_AFTER=3)")).isEqualTo(4);
      for (int attempt = 1; attempt <= 3; attempt++) {
        assertThat(out)
            .contains(
                "default/cron-service-crashy: RUNNING - service restarting (attempt "
                    + attempt
                    + " of 3) after: wasm trap: Trapped on unreachable instruction");
      }
      assertThat(out)
          .contains(
              "default/cron-service-crashy: ERROR - service crashed 4 times; restart budget (3)"
                  + " exhausted: wasm trap: Trapped on unreachable instruction");
    }
  }

  @Test
  void tcpAdapterServicesShareOnePortAndOneRedisConnection(@TempDir Path dir) throws Exception {
    var redisInstalled = RedisServer.available();
    assumeTrue(!redisInstalled.isDisabled(), () -> redisInstalled.getReason().orElse(""));
    try (RedisServer redis = RedisServer.start()) {
      // the README's manifest, pointed at this test's redis port instead of 6379
      Path example = HostProcess.ROOT.resolve("examples/tcp-adapter");
      for (String wasm : new String[] {"redis-adapter.wasm", "http-api.wasm"}) {
        Files.copy(example.resolve(wasm), dir.resolve(wasm));
      }
      String manifest =
          Files.readString(example.resolve("workload.yaml"))
              .replace("6379", String.valueOf(redis.port()));
      Files.writeString(dir.resolve("workload.yaml"), manifest);
      try (HostProcess host =
          HostProcess.start(
              "run",
              dir.resolve("workload.yaml").toString(),
              "--http-addr",
              "127.0.0.1:0",
              "--allow-host-loopback")) {
        int port = host.httpPort(START);
        // replicas: 2, both listening on 127.0.0.1:7777, each in its own workload's loopback
        assertThat(host.output())
            .contains("default/tcp-adapter-1: RUNNING")
            .contains("default/tcp-adapter-2: RUNNING");
        host.await("redis-adapter: listening on 127.0.0.1:7777", START);
        assertThat(HostProcess.get(port, "tcp-adapter.localhost", "/visits"))
            .isEqualTo(new Response(200, "1\n"));
        assertThat(HostProcess.get(port, "tcp-adapter.localhost", "/visits"))
            .isEqualTo(new Response(200, "2\n"));
        assertThat(HostProcess.get(port, "tcp-adapter.localhost", "/other"))
            .isEqualTo(new Response(200, "1\n"));
        assertThat(host.stop()).isZero();
        assertThat(host.count("redis-adapter: listening on 127.0.0.1:7777")).isEqualTo(2);
      }
    }
  }

  @Test
  void customPluginBucketsAreSharedByTwoWorkloads() throws Exception {
    Path plugin = HostProcess.ROOT.resolve("examples/custom-plugin/plugin/target");
    assertThat(plugin.resolve("example-ratelimit-plugin-0.1.0-SNAPSHOT.jar"))
        .as("the example plugin's jar (built before runtime/host by the reactor)")
        .exists();
    try (HostProcess host =
        HostProcess.start(
            "run",
            "examples/custom-plugin/two-workloads.yaml",
            "--http-addr",
            "127.0.0.1:0",
            "--plugins-dir",
            "examples/custom-plugin/plugin/target")) {
      int port = host.httpPort(START);
      for (int i = 0; i < 3; i++) {
        assertThat(HostProcess.get(port, "a.ratelimit.localhost", "/api"))
            .isEqualTo(new Response(200, "allowed\n"));
      }
      assertThat(HostProcess.get(port, "b.ratelimit.localhost", "/api"))
          .isEqualTo(new Response(200, "allowed\n"));
      assertThat(HostProcess.get(port, "b.ratelimit.localhost", "/api"))
          .isEqualTo(new Response(200, "allowed\n"));
      assertThat(HostProcess.get(port, "b.ratelimit.localhost", "/api"))
          .isEqualTo(new Response(429, "limited\n"));
      assertThat(HostProcess.get(port, "a.ratelimit.localhost", "/other"))
          .isEqualTo(new Response(200, "allowed\n"));
      assertThat(host.stop()).isZero();
    }
  }
}
