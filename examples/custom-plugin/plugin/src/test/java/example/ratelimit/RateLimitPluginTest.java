package example.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import virga.plugin.HostBindings;
import virga.plugin.WitInterface;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadInfo;
import virga.plugin.WorkloadItem;
import virga.plugin.testing.TestItem;
import virga.plugin.testing.TestWorkload;

class RateLimitPluginTest {
  final AtomicLong nanos = new AtomicLong();
  final RateLimitPlugin plugin = new RateLimitPlugin(new TokenBuckets(nanos::get));
  final Set<WitInterface> entry =
      Set.of(
          WitInterface.parse("example:ratelimit/limiter")
              .withConfig(Map.of("capacity", "5", "refill-per-second", "2")));

  RateLimitPlugin.Limiter bind(String workloadId) throws Exception {
    plugin.onWorkloadBind(workload(workloadId), entry);
    Object[] impl = new Object[1];
    plugin.onWorkloadItemBind(item(workloadId, (iface, o) -> impl[0] = o), entry);
    return (RateLimitPlugin.Limiter) impl[0];
  }

  @Test
  void twoWorkloadsDrawFromOneBucket() throws Exception {
    RateLimitPlugin.Limiter a = bind("w1");
    RateLimitPlugin.Limiter b = bind("w2");
    assertThat(a.tryAcquire("/api", 3)).isTrue();
    assertThat(b.tryAcquire("/api", 2)).isTrue();
    assertThat(b.tryAcquire("/api", 1)).isFalse();
    assertThat(a.tryAcquire("/api", 1)).isFalse();
    assertThat(b.tryAcquire("/other", 5)).isTrue();
  }

  @Test
  void bucketsRefillAtTheConfiguredRate() throws Exception {
    RateLimitPlugin.Limiter a = bind("w1");
    assertThat(a.tryAcquire("k", 5)).isTrue();
    assertThat(a.tryAcquire("k", 1)).isFalse();
    nanos.addAndGet(1_000_000_000L); // 1 s at 2 tokens/s
    assertThat(a.tryAcquire("k", 2)).isTrue();
    assertThat(a.tryAcquire("k", 1)).isFalse();
    nanos.addAndGet(60_000_000_000L); // never above capacity
    assertThat(a.tryAcquire("k", 6)).isFalse();
    assertThat(a.tryAcquire("k", 5)).isTrue();
  }

  @Test
  void servesItsInterfaceFromItsOwnWit() {
    assertThat(plugin.id()).isEqualTo("example-ratelimit");
    assertThat(
            plugin.world().includesBidirectional(WitInterface.parse("example:ratelimit/limiter")))
        .isTrue();
    assertThat(plugin.wit().get(0))
        .contains("try-acquire: func(key: string, tokens: u32) -> bool;");
  }

  static WorkloadInfo workload(String id) {
    return new TestWorkload(id, List.of(), List.of());
  }

  static WorkloadItem item(String workloadId, HostBindings bindings) {
    return TestItem.component(workloadId, "http", WitWorld.serving(RateLimitPlugin.LIMITER))
        .forwardingTo(bindings);
  }
}
