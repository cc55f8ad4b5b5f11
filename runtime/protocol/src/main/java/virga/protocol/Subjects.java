package virga.protocol;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The NATS subjects of the wasmCloud v2 host protocol.
 *
 * <ul>
 *   <li>hosts publish heartbeats on {@code runtime.operator.heartbeat.<hostId>};
 *   <li>the operator sends requests to {@code runtime.host.<hostId>.<command>}.
 * </ul>
 */
public final class Subjects {
  /** Prefix of every subject a host listens on. */
  public static final String HOST_API_PREFIX = "runtime.host";

  /** Prefix of every subject the operator listens on. */
  public static final String OPERATOR_API_PREFIX = "runtime.operator";

  /** What the operator subscribes to for every host's heartbeats. */
  public static final String ALL_HEARTBEATS = OPERATOR_API_PREFIX + ".heartbeat.>";

  // A subject token may not be empty or contain separators or wildcards.
  private static final Pattern TOKEN = Pattern.compile("[^.*>\\s]+");

  private Subjects() {}

  /** Where host {@code hostId} publishes its heartbeat. */
  public static String heartbeat(String hostId) {
    return OPERATOR_API_PREFIX + ".heartbeat." + checkToken(hostId);
  }

  /** Where the operator sends {@code command} to host {@code hostId}. */
  public static String hostCommand(String hostId, HostCommand command) {
    return HOST_API_PREFIX + "." + checkToken(hostId) + "." + command.token();
  }

  /** What host {@code hostId} subscribes to for all its commands. */
  public static String hostCommands(String hostId) {
    return HOST_API_PREFIX + "." + checkToken(hostId) + ".>";
  }

  /**
   * The command of a subject a host received: everything after {@code runtime.host.<hostId>.}, as
   * the Rust host does it; empty when the subject is not a host command or the command is unknown.
   */
  public static Optional<HostCommand> parseHostCommand(String subject) {
    String[] parts = subject.split("\\.", 4);
    if (parts.length < 4 || !subject.startsWith(HOST_API_PREFIX + ".")) {
      return Optional.empty();
    }
    return HostCommand.fromToken(parts[3]);
  }

  /** The host id of a heartbeat subject; empty when it is not one. */
  public static Optional<String> heartbeatHostId(String subject) {
    String prefix = OPERATOR_API_PREFIX + ".heartbeat.";
    if (!subject.startsWith(prefix)) {
      return Optional.empty();
    }
    String id = subject.substring(prefix.length());
    return TOKEN.matcher(id).matches() ? Optional.of(id) : Optional.empty();
  }

  private static String checkToken(String hostId) {
    if (hostId == null || !TOKEN.matcher(hostId).matches()) {
      throw new IllegalArgumentException(
          "invalid host id '"
              + hostId
              + "': it must be one NATS subject token (no '.', '*', '>' or spaces)");
    }
    return hostId;
  }
}
