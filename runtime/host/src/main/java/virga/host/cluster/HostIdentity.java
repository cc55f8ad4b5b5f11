package virga.host.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.function.UnaryOperator;
import virga.protocol.Subjects;

/**
 * Who the host is on the bus. The id is stable across restarts (wasmCloud draws a new UUID on every
 * start, so a restarted pod registers as a new Host): {@code --host-id}, else the pod name ({@code
 * POD_NAME}), else the machine's host name, made one NATS subject token.
 *
 * @param hostId the id in every subject, e.g. {@code hostgroup-default-7d9f-x2x4z}
 * @param hostname the heartbeat's {@code hostname}: what the chart passes as {@code --host-name}
 *     (the pod IP, which the operator matches on pod deletion and routes EndpointSlices to)
 * @param friendlyName the Host object's name
 */
public record HostIdentity(String hostId, String hostname, String friendlyName) {
  public HostIdentity {
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(friendlyName, "friendlyName");
    try {
      Subjects.heartbeat(hostId);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (--host-id)");
    }
  }

  /**
   * The identity from the flags (each may be null) and the environment.
   *
   * @throws IllegalArgumentException when {@code hostId} is given but is not one subject token
   */
  public static HostIdentity resolve(
      String hostId, String hostname, String friendlyName, UnaryOperator<String> env) {
    String machine = machineName(env);
    String id = blank(hostId) ? defaultId(env, machine) : hostId.trim();
    String host = blank(hostname) ? machine : hostname.trim();
    String friendly = blank(friendlyName) ? id : friendlyName.trim();
    return new HostIdentity(id, host, friendly);
  }

  /** {@link #resolve} with the process's environment. */
  public static HostIdentity resolve(String hostId, String hostname, String friendlyName) {
    return resolve(hostId, hostname, friendlyName, System::getenv);
  }

  private static String defaultId(UnaryOperator<String> env, String machine) {
    String pod = env.apply("POD_NAME");
    return token(blank(pod) ? machine : pod.trim());
  }

  /** {@code name} as one subject token: dots and wildcards become dashes. */
  static String token(String name) {
    String t = name.replaceAll("[.*>\\s]", "-");
    return t.isEmpty() ? "localhost" : t;
  }

  private static String machineName(UnaryOperator<String> env) {
    String h = env.apply("HOSTNAME");
    if (!blank(h)) {
      return h.trim();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
