package virga.operator.controller.host;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.HostStatus;
import virga.protocol.v2.HostHeartbeat;

/**
 * How a heartbeat becomes a Host: pure functions, no client.
 *
 * <p>Unlike wasmCloud's {@code hostStatusPatch} (which, by code reading, writes "unknown"/"0"
 * placeholders over real values on every heartbeat), a field the heartbeat leaves empty keeps the
 * value the Host already has; a placeholder is only written where there is no value at all, because
 * the CRD requires those fields.
 */
public final class HostStatusMapping {
  /** Written for a required string the host never reported. */
  public static final String UNKNOWN = "unknown";

  private HostStatusMapping() {}

  /**
   * The Host's name: the heartbeat's friendly name (wasmCloud's rule), or the host id when the host
   * has none; lower-cased and reduced to a valid DNS subdomain.
   */
  public static String hostName(String hostId, HostHeartbeat heartbeat) {
    String raw = heartbeat.getFriendlyName().isBlank() ? hostId : heartbeat.getFriendlyName();
    String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    name = name.replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
    if (name.length() > 253) {
      name = name.substring(0, 253).replaceAll("[^a-z0-9]+$", "");
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException("host " + hostId + " has no usable name");
    }
    return name;
  }

  /**
   * Puts the heartbeat's identity on the Host's root fields and labels (labels not in the heartbeat
   * are kept); returns whether anything changed.
   */
  public static boolean applyIdentity(Host host, String hostId, HostHeartbeat heartbeat) {
    boolean changed = false;
    if (!Objects.equals(host.getHostId(), hostId)) {
      host.setHostId(hostId);
      changed = true;
    }
    String hostname = emptyToNull(heartbeat.getHostname());
    if (hostname != null && !hostname.equals(host.getHostname())) {
      host.setHostname(hostname);
      changed = true;
    }
    Long port =
        heartbeat.getHttpPort() == 0 ? null : Integer.toUnsignedLong(heartbeat.getHttpPort());
    if (port != null && !port.equals(host.getHttpPort())) {
      host.setHttpPort(port);
      changed = true;
    }
    String environment = emptyToNull(heartbeat.getEnvironment());
    if (environment != null && !environment.equals(host.getEnvironment())) {
      host.setEnvironment(environment);
      changed = true;
    }
    Map<String, String> labels =
        host.getMetadata().getLabels() == null
            ? new HashMap<>()
            : new HashMap<>(host.getMetadata().getLabels());
    for (Map.Entry<String, String> e : heartbeat.getLabelsMap().entrySet()) {
      if (!e.getValue().equals(labels.put(e.getKey(), e.getValue()))) {
        changed = true;
      }
    }
    host.getMetadata().setLabels(labels);
    return changed;
  }

  /**
   * Copies what the heartbeat reports into {@code status} and sets lastSeen. Empty strings keep the
   * previous value; CPU and memory are taken only from a heartbeat that reports memory at all
   * (total above zero), so a partial report does not zero them; counts are always taken.
   */
  public static HostStatus applyStatus(HostStatus status, HostHeartbeat heartbeat, Instant seen) {
    status.setVersion(keep(heartbeat.getVersion(), status.getVersion()));
    status.setOsName(keep(heartbeat.getOsName(), status.getOsName()));
    status.setOsArch(keep(heartbeat.getOsArch(), status.getOsArch()));
    status.setOsKernel(keep(heartbeat.getOsKernel(), status.getOsKernel()));
    if (heartbeat.getSystemMemoryTotal() > 0) {
      status.setSystemCPUUsage(cpu(heartbeat.getSystemCpuUsage()));
      status.setSystemMemoryTotal(heartbeat.getSystemMemoryTotal());
      status.setSystemMemoryFree(heartbeat.getSystemMemoryFree());
    }
    if (status.getSystemCPUUsage() == null) {
      status.setSystemCPUUsage("0");
    }
    if (status.getSystemMemoryTotal() == null) {
      status.setSystemMemoryTotal(0L);
    }
    if (status.getSystemMemoryFree() == null) {
      status.setSystemMemoryFree(0L);
    }
    status.setComponentCount(saturated(heartbeat.getComponentCount()));
    status.setWorkloadCount(saturated(heartbeat.getWorkloadCount()));
    if (seen != null) {
      status.setLastSeen(seen);
    }
    return status;
  }

  /** The CPU usage as the status string: plain decimal, no exponent, no trailing zeros. */
  public static String cpu(float usage) {
    if (Float.isNaN(usage) || Float.isInfinite(usage)) {
      return "0";
    }
    return new BigDecimal(Float.toString(usage)).stripTrailingZeros().toPlainString();
  }

  private static String keep(String reported, String previous) {
    if (reported != null && !reported.isBlank()) {
      return reported;
    }
    return previous != null ? previous : UNKNOWN;
  }

  private static Integer saturated(long count) {
    return count < 0 || count > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) count;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
