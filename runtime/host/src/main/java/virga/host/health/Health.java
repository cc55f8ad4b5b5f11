package virga.host.health;

import java.util.Objects;

/**
 * One answer of a health check ({@code /healthz} liveness, {@code /readyz} readiness): whether the
 * host passes, and a short reason a person reading the probe's output can act on.
 *
 * @param ok whether the check passes (HTTP 200, else 503)
 * @param detail one line, e.g. {@code connected to nats://nats:4222} or {@code NATS RECONNECTING}
 */
public record Health(boolean ok, String detail) {
  public Health {
    Objects.requireNonNull(detail, "detail");
  }

  /** A passing check. */
  public static Health ok(String detail) {
    return new Health(true, detail);
  }

  /** A failing check. */
  public static Health failing(String detail) {
    return new Health(false, detail);
  }
}
