package example.ratelimit;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import virga.plugin.HostPlugin;
import virga.plugin.Wit;
import virga.plugin.WitImplementation;
import virga.plugin.WitInterface;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadInfo;
import virga.plugin.WorkloadItem;

/**
 * Serves {@code example:ratelimit/limiter}: token buckets by key, shared by every workload on the
 * host, sized by the hostInterface entry's config ({@code capacity}, default 10; {@code
 * refill-per-second}, default 1).
 */
public final class RateLimitPlugin implements HostPlugin {
  static final String LIMITER = "example:ratelimit/limiter";
  static final String WIT = "/wit/ratelimit.wit";

  private final TokenBuckets buckets;
  private final Map<String, TokenBuckets.Limits> limitsByWorkload = new ConcurrentHashMap<>();

  /** The plugin on the system clock (ServiceLoader's constructor). */
  public RateLimitPlugin() {
    this(new TokenBuckets(System::nanoTime));
  }

  RateLimitPlugin(TokenBuckets buckets) {
    this.buckets = buckets;
  }

  @Override
  public String id() {
    return "example-ratelimit";
  }

  @Override
  public WitWorld world() {
    return WitWorld.serving(LIMITER);
  }

  @Override
  public List<String> wit() {
    return List.of(Wit.resource(RateLimitPlugin.class, WIT));
  }

  @Override
  public void onWorkloadBind(WorkloadInfo workload, Set<WitInterface> interfaces) {
    Map<String, String> config = interfaces.iterator().next().config();
    limitsByWorkload.put(
        workload.id(),
        new TokenBuckets.Limits(
            Long.parseLong(config.getOrDefault("capacity", "10")),
            Double.parseDouble(config.getOrDefault("refill-per-second", "1"))));
  }

  @Override
  public void onWorkloadItemBind(WorkloadItem item, Set<WitInterface> interfaces) {
    TokenBuckets.Limits limits = limitsByWorkload.get(item.workloadId());
    item.bindings().implement(LIMITER, new Limiter(buckets, limits));
  }

  @Override
  public void onWorkloadUnbind(String workloadId, Set<WitInterface> interfaces) {
    limitsByWorkload.remove(workloadId);
  }

  /** What a guest calls: {@code try-acquire} on the shared buckets. */
  @WitImplementation(value = LIMITER, wit = WIT)
  public static final class Limiter {
    private final TokenBuckets buckets;
    private final TokenBuckets.Limits limits;

    Limiter(TokenBuckets buckets, TokenBuckets.Limits limits) {
      this.buckets = buckets;
      this.limits = limits;
    }

    /** {@code try-acquire: func(key: string, tokens: u32) -> bool}. */
    public boolean tryAcquire(String key, long tokens) {
      return buckets.tryAcquire(key, tokens, limits);
    }
  }
}
