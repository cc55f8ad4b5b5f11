package virga.host.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The supervisor's restart logic on a fake clock: incarnations run inline on the test thread, the
 * backoff waits are fake-scheduler tasks, so every timing is exact and nothing sleeps.
 */
class ServiceSupervisorTest {
  private final FakeTime time = new FakeTime();
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final List<ServiceStatus> changes = new CopyOnWriteArrayList<>();
  private int created;

  /** A supervisor whose incarnation number {@code n} (1 = the first) behaves as {@code script}. */
  private ServiceSupervisor supervisor(RestartPolicy policy, Script script) {
    return ServiceSupervisor.builder(
            "wl-1",
            () -> {
              int n = ++created;
              return () -> script.run(n);
            })
        .policy(policy)
        .clock(time)
        .scheduler(time)
        .launcher(Runnable::run)
        .meterRegistry(registry)
        .listener(
            (workload, s) -> {
              assertThat(workload).isEqualTo("wl-1");
              changes.add(s);
            })
        .build();
  }

  @FunctionalInterface
  interface Script {
    int run(int incarnation) throws Exception;
  }

  private static Script crashing(String message) {
    return n -> {
      throw new IllegalStateException(message);
    };
  }

  private double counter(String name) {
    return registry.get(name).tag("workload", "wl-1").counter().count();
  }

  private double up() {
    return registry.get("virga.service.up").tag("workload", "wl-1").gauge().value();
  }

  private List<ServiceState> states() {
    return changes.stream().map(ServiceStatus::state).toList();
  }

  @Test
  void backoffIsExactlyDoublingFrom200MsUpToThe10sCap() {
    ServiceSupervisor s = supervisor(RestartPolicy.maxRestarts(9), crashing("boom"));
    s.start();
    assertThat(created).isEqualTo(1);
    List<Long> waits = new ArrayList<>();
    for (int restart = 1; restart <= 9; restart++) {
      ServiceStatus st = s.status();
      assertThat(st.state()).isEqualTo(ServiceState.RESTARTING);
      assertThat(st.attempt()).isEqualTo(restart);
      waits.add(st.backoff().toMillis());
      time.advance(st.backoff().minusMillis(1));
      assertThat(created).as("not restarted 1 ms early").isEqualTo(restart);
      time.advance(Duration.ofMillis(1));
      assertThat(created).as("restarted exactly on time").isEqualTo(restart + 1);
    }
    assertThat(waits)
        .containsExactly(200L, 400L, 800L, 1600L, 3200L, 6400L, 10000L, 10000L, 10000L);
    assertThat(s.status().state()).isEqualTo(ServiceState.FAILED);
    assertThat(s.status().message())
        .isEqualTo("service crashed 10 times; restart budget (9) exhausted: boom");
  }

  @Test
  void anExhaustedBudgetFailsWithTheExactMessageAndNoMoreRestarts() {
    ServiceSupervisor s = supervisor(RestartPolicy.maxRestarts(3), n -> 3);
    s.start();
    time.advance(Duration.ofMinutes(10));
    assertThat(created).isEqualTo(4);
    assertThat(s.incarnations()).isEqualTo(4);
    ServiceStatus last = s.status();
    assertThat(last.state()).isEqualTo(ServiceState.FAILED);
    assertThat(last.message())
        .isEqualTo("service crashed 4 times; restart budget (3) exhausted: exit code 3");
    assertThat(last.cause()).isEqualTo("exit code 3");
    assertThat(states())
        .containsExactly(
            ServiceState.STARTING,
            ServiceState.RUNNING,
            ServiceState.RESTARTING,
            ServiceState.RUNNING,
            ServiceState.RESTARTING,
            ServiceState.RUNNING,
            ServiceState.RESTARTING,
            ServiceState.RUNNING,
            ServiceState.FAILED);
    assertThat(changes.get(2).message())
        .isEqualTo("service crashed: exit code 3; restart 1 of 3 in 200 ms");
    assertThat(changes.get(6).message())
        .isEqualTo("service crashed: exit code 3; restart 3 of 3 in 800 ms");
    assertThat(counter("virga.service.crashes")).isEqualTo(4.0);
    assertThat(counter("virga.service.restarts")).isEqualTo(3.0);
    assertThat(up()).isEqualTo(0.0);
    assertThat(time.pendingTasks()).isZero();
  }

  @Test
  void zeroMaxRestartsNeverRestartsAsWasmCloudsDefault() {
    ServiceSupervisor s =
        supervisor(RestartPolicy.maxRestarts(0), crashing("wasm trap: unreachable"));
    s.start();
    time.advance(Duration.ofMinutes(1));
    assertThat(created).isEqualTo(1);
    assertThat(s.status().message())
        .isEqualTo("service crashed 1 time; restart budget (0) exhausted: wasm trap: unreachable");
    assertThat(counter("virga.service.restarts")).isEqualTo(0.0);
  }

  @Test
  void aHealthyUptimeRestoresTheBudgetAndTheBackoff() {
    // 1, 2 crash at once (budget 2 used up); 3 runs 60 s, then crashes; 4, 5 crash at once
    ServiceSupervisor s =
        supervisor(
            RestartPolicy.maxRestarts(2),
            n -> {
              if (n == 3) {
                time.tick(Duration.ofSeconds(60));
              }
              throw new IllegalStateException("crash " + n);
            });
    s.start();
    time.advance(Duration.ofMillis(200));
    time.advance(Duration.ofMillis(400));
    assertThat(created).isEqualTo(3);
    assertThat(s.status().state()).isEqualTo(ServiceState.RESTARTING);
    assertThat(s.status().attempt()).isEqualTo(1);
    assertThat(s.status().backoff()).isEqualTo(Duration.ofMillis(200));
    assertThat(s.status().message())
        .isEqualTo("service crashed: crash 3; restart 1 of 2 in 200 ms");
    time.advance(Duration.ofMillis(200));
    assertThat(s.status().backoff()).isEqualTo(Duration.ofMillis(400));
    time.advance(Duration.ofMillis(400));
    assertThat(created).isEqualTo(5);
    assertThat(s.status().message())
        .isEqualTo("service crashed 3 times; restart budget (2) exhausted: crash 5");
    assertThat(counter("virga.service.crashes")).isEqualTo(5.0);
    assertThat(counter("virga.service.restarts")).isEqualTo(4.0);
  }

  @Test
  void anUptimeJustShortOfHealthyDoesNotRestoreTheBudget() {
    ServiceSupervisor s =
        supervisor(
            RestartPolicy.maxRestarts(1),
            n -> {
              time.tick(Duration.ofSeconds(60).minusMillis(1));
              throw new IllegalStateException("crash " + n);
            });
    s.start();
    time.advance(Duration.ofMinutes(5));
    assertThat(created).isEqualTo(2);
    assertThat(s.status().message())
        .isEqualTo("service crashed 2 times; restart budget (1) exhausted: crash 2");
  }

  @Test
  void aCleanExitIsCompletedAndNeverRestarted() {
    ServiceSupervisor s = supervisor(RestartPolicy.maxRestarts(5), n -> 0);
    s.start();
    time.advance(Duration.ofHours(1));
    assertThat(created).isEqualTo(1);
    assertThat(states())
        .containsExactly(ServiceState.STARTING, ServiceState.RUNNING, ServiceState.COMPLETED);
    assertThat(s.status().message()).isEqualTo("service exited successfully");
    assertThat(counter("virga.service.crashes")).isEqualTo(0.0);
    assertThat(s.stop(Duration.ZERO)).isTrue();
    assertThat(s.status().state()).as("stop keeps COMPLETED").isEqualTo(ServiceState.COMPLETED);
  }

  @Test
  void aCleanExitAfterRestartsIsCompleted() {
    ServiceSupervisor s = supervisor(RestartPolicy.maxRestarts(5), n -> n < 3 ? 1 : 0);
    s.start();
    time.advance(Duration.ofHours(1));
    assertThat(created).isEqualTo(3);
    assertThat(s.status().state()).isEqualTo(ServiceState.COMPLETED);
    assertThat(s.status().attempt()).isEqualTo(2);
  }

  @Test
  void stopDuringTheBackoffCancelsTheRestartAndRemovesTheMetrics() {
    ServiceSupervisor s = supervisor(RestartPolicy.maxRestarts(3), crashing("boom"));
    s.start();
    assertThat(s.status().state()).isEqualTo(ServiceState.RESTARTING);
    assertThat(time.pendingTasks()).isEqualTo(1);
    assertThat(s.stop(Duration.ZERO)).isTrue();
    assertThat(time.pendingTasks()).isZero();
    time.advance(Duration.ofMinutes(1));
    assertThat(created).isEqualTo(1);
    assertThat(s.status().state()).isEqualTo(ServiceState.STOPPED);
    assertThat(s.status().message()).isEqualTo("stopped");
    assertThat(states())
        .containsExactly(
            ServiceState.STARTING,
            ServiceState.RUNNING,
            ServiceState.RESTARTING,
            ServiceState.STOPPED);
    assertThat(registry.find("virga.service.restarts").meter()).isNull();
    assertThat(registry.find("virga.service.crashes").meter()).isNull();
    assertThat(registry.find("virga.service.up").meter()).isNull();
    assertThat(s.stop(Duration.ZERO)).as("idempotent").isTrue();
    assertThat(changes).hasSize(4);
  }

  @Test
  void everyRestartGetsAFreshIncarnationRunOnce() {
    Map<ServiceIncarnation, Integer> runs = new IdentityHashMap<>();
    IntFunction<Integer> code = n -> n < 4 ? 2 : 0;
    ServiceSupervisor s =
        ServiceSupervisor.builder(
                "wl-1",
                () -> {
                  int n = ++created;
                  ServiceIncarnation[] self = new ServiceIncarnation[1];
                  self[0] =
                      () -> {
                        runs.merge(self[0], 1, Integer::sum);
                        return code.apply(n);
                      };
                  return self[0];
                })
            .policy(RestartPolicy.maxRestarts(5))
            .clock(time)
            .scheduler(time)
            .launcher(Runnable::run)
            .meterRegistry(registry)
            .build();
    s.start();
    time.advance(Duration.ofMinutes(1));
    assertThat(created).isEqualTo(4);
    assertThat(runs).hasSize(4);
    assertThat(runs.values()).containsOnly(1);
    assertThat(s.status().state()).isEqualTo(ServiceState.COMPLETED);
  }

  @Test
  void aFactoryFailureIsACrash() {
    ServiceSupervisor s =
        ServiceSupervisor.builder(
                "wl-1",
                () -> {
                  if (++created == 1) {
                    throw new IllegalArgumentException("cannot link wasi:cli/run");
                  }
                  return () -> 0;
                })
            .policy(RestartPolicy.maxRestarts(1))
            .clock(time)
            .scheduler(time)
            .launcher(Runnable::run)
            .meterRegistry(registry)
            .listener((w, st) -> changes.add(st))
            .build();
    s.start();
    assertThat(s.status().message())
        .isEqualTo("service crashed: cannot link wasi:cli/run; restart 1 of 1 in 200 ms");
    time.advance(Duration.ofMillis(200));
    assertThat(states())
        .containsExactly(
            ServiceState.STARTING,
            ServiceState.RESTARTING,
            ServiceState.RUNNING,
            ServiceState.COMPLETED);
  }

  @Test
  void theUpGaugeIsOneWhileAnIncarnationRuns() {
    double[] seen = new double[1];
    ServiceSupervisor s =
        supervisor(
            RestartPolicy.maxRestarts(0),
            n -> {
              seen[0] = up();
              return 0;
            });
    assertThat(up()).isEqualTo(0.0);
    s.start();
    assertThat(seen[0]).isEqualTo(1.0);
    assertThat(up()).isEqualTo(0.0);
  }

  @Test
  void aStopBeforeStartMeansItNeverRuns() {
    ServiceSupervisor s = supervisor(RestartPolicy.maxRestarts(0), n -> 0);
    assertThat(s.stop(Duration.ZERO)).isTrue();
    s.start();
    assertThat(created).isZero();
    assertThat(s.status().state()).isEqualTo(ServiceState.STOPPED);
  }
}
