package virga.operator.controller.host;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import virga.crds.v1alpha1.ConditionStatus;

/** The Ready state of every known Host, for the {@code virga_hosts} gauge. */
public final class HostStates {
  /** Gauge name; tag {@code state} = True, False or Unknown. */
  public static final String GAUGE = "virga.hosts";

  private final Map<String, String> readyByHost = new ConcurrentHashMap<>();

  /** Registers one gauge per state on {@code registry}. */
  public HostStates bindTo(MeterRegistry registry) {
    for (String state :
        new String[] {ConditionStatus.TRUE, ConditionStatus.FALSE, ConditionStatus.UNKNOWN}) {
      Gauge.builder(GAUGE, this, s -> s.count(state))
          .tag("state", state)
          .description("Hosts by their Ready condition")
          .register(registry);
    }
    return this;
  }

  /** Records the Ready state of Host {@code key} (namespace/name). */
  public void set(String key, String ready) {
    readyByHost.put(key, ready == null ? ConditionStatus.UNKNOWN : ready);
  }

  /** Forgets a deleted Host. */
  public void remove(String key) {
    readyByHost.remove(key);
  }

  /** How many Hosts are in {@code state}. */
  public long count(String state) {
    return readyByHost.values().stream().filter(state::equals).count();
  }
}
