package virga.host.service;

import java.time.Duration;
import java.util.Objects;

/**
 * A snapshot of a supervised service, for the workload's status and for listeners.
 *
 * @param state where the service is
 * @param message what to tell the user, e.g. {@code service crashed 4 times; restart budget (3)
 *     exhausted: wasm trap: unreachable}
 * @param attempt for {@link ServiceState#RESTARTING}, which restart comes next since the budget was
 *     last restored (1 = the first); otherwise the restarts made since then
 * @param backoff for {@link ServiceState#RESTARTING}, the wait before the restart; otherwise zero
 * @param cause why the last incarnation crashed ({@code exit code 3}, a trap's message), or null
 */
public record ServiceStatus(
    ServiceState state, String message, int attempt, Duration backoff, String cause) {
  public ServiceStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(backoff, "backoff");
  }
}
