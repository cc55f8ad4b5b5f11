package virga.host.plugin;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import virga.plugin.HostPlugin;
import virga.plugin.PluginContext;
import virga.plugin.ResolvedWorkload;
import virga.plugin.WitInterface;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadInfo;
import virga.plugin.WorkloadItem;

/** A plugin that appends each call to a shared log and fails where it is told to. */
final class FakePlugin implements HostPlugin {
  private final String id;
  private final WitWorld world;
  private final List<String> log;
  private boolean named;
  private Predicate<WitInterface> claims = i -> true;
  private String failOn = "";
  private Duration stopTimeout = Duration.ofSeconds(5);
  private long stopSleepMillis;
  volatile Set<WitInterface> lastConfigUpdate;

  FakePlugin(String id, List<String> log, String... serves) {
    this.id = id;
    this.world = WitWorld.serving(serves);
    this.log = log;
  }

  FakePlugin named() {
    this.named = true;
    return this;
  }

  FakePlugin claiming(Predicate<WitInterface> predicate) {
    this.claims = predicate;
    return this;
  }

  /** Fails {@code phase} (start, bind, item, resolved, config, unbind, stop). */
  FakePlugin failing(String phase) {
    this.failOn = phase;
    return this;
  }

  FakePlugin slowStop(Duration timeout, long sleepMillis) {
    this.stopTimeout = timeout;
    this.stopSleepMillis = sleepMillis;
    return this;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public WitWorld world() {
    return world;
  }

  @Override
  public boolean claims(WitInterface iface) {
    return claims.test(iface);
  }

  @Override
  public boolean supportsNamedInstances() {
    return named;
  }

  @Override
  public void start(PluginContext context) {
    record("start", "start");
  }

  @Override
  public void onWorkloadBind(WorkloadInfo workload, Set<WitInterface> interfaces) {
    record("bind", "bind " + workload.id() + " " + names(interfaces));
  }

  @Override
  public void onWorkloadItemBind(WorkloadItem item, Set<WitInterface> interfaces) {
    record("item", "item " + item.name() + " " + names(interfaces));
  }

  @Override
  public void onWorkloadResolved(ResolvedWorkload workload, String itemName) {
    record("resolved", "resolved " + itemName);
  }

  @Override
  public void onWorkloadConfigUpdate(WorkloadItem item, Set<WitInterface> interfaces) {
    lastConfigUpdate = interfaces;
    record("config", "config " + item.name() + " " + names(interfaces));
  }

  @Override
  public void onWorkloadUnbind(String workloadId, Set<WitInterface> interfaces) {
    record("unbind", "unbind " + workloadId + " " + names(interfaces));
  }

  @Override
  public void stop() throws InterruptedException {
    record("stop", "stop");
    Thread.sleep(stopSleepMillis);
  }

  @Override
  public Duration stopTimeout() {
    return stopTimeout;
  }

  private void record(String phase, String call) {
    synchronized (log) {
      log.add(id + ": " + call);
    }
    if (failOn.equals(phase)) {
      throw new IllegalStateException(id + " fails " + phase);
    }
  }

  static String names(Set<WitInterface> interfaces) {
    Set<String> sorted = new TreeSet<>();
    interfaces.forEach(i -> sorted.add(i.toString()));
    return sorted.toString();
  }
}
