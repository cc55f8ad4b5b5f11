package virga.operator.nats;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.tls.PemTls;

/**
 * Opens the operator's NATS connection with wasmCloud's client options ({@code
 * pkg/wasmbus/nats.go}): reconnect forever every second plus jitter, ping every minute with one
 * ping outstanding.
 */
public final class NatsConnectionFactory {
  /** Wait between reconnect attempts. */
  public static final Duration RECONNECT_WAIT = Duration.ofSeconds(1);

  /** Random extra wait, so a restarted server is not hit by every client at once (Go defaults). */
  public static final Duration RECONNECT_JITTER = Duration.ofMillis(100);

  public static final Duration RECONNECT_JITTER_TLS = Duration.ofSeconds(1);

  /** Client ping interval. */
  public static final Duration PING_INTERVAL = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(NatsConnectionFactory.class);

  private NatsConnectionFactory() {}

  /** The jnats options for {@code settings}, reporting connection changes to {@code health}. */
  public static Options options(NatsSettings settings, BusHealth health) {
    Options.Builder builder =
        new Options.Builder()
            .servers(settings.url().split(","))
            .connectionName("virga-operator")
            .maxReconnects(-1)
            .reconnectWait(RECONNECT_WAIT)
            .reconnectJitter(RECONNECT_JITTER)
            .reconnectJitterTls(RECONNECT_JITTER_TLS)
            .pingInterval(PING_INTERVAL)
            .maxPingsOut(1)
            // a request to a host that is not subscribed fails at once instead of timing out
            .reportNoResponders()
            .connectionListener(health)
            .errorListener(new LoggingErrorListener());
    settings
        .creds()
        .ifPresent(
            file -> {
              if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read NATS creds file " + file);
              }
              builder.authHandler(Nats.credentials(file.toString()));
            });
    if (settings.tls()) {
      try {
        builder.sslContext(
            PemTls.context(settings.caFile(), settings.clientCertFile(), settings.clientKeyFile()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "cannot build the NATS TLS context: " + e.getMessage(), e);
      }
    }
    if (settings.tlsFirst()) {
      builder.tlsFirst();
    }
    return builder.build();
  }

  /**
   * Connects. When the server is not there yet the connection keeps trying in the background, so
   * the operator can start before NATS; {@code health} says when it is up.
   */
  public static Connection connect(NatsSettings settings, BusHealth health)
      throws InterruptedException {
    try {
      return Nats.connectReconnectOnConnect(options(settings, health));
    } catch (IOException e) {
      // only reached for errors retrying cannot fix, such as a bad TLS configuration
      throw new IllegalStateException("cannot connect to NATS at " + settings.url(), e);
    }
  }

  /** Logs what jnats reports instead of printing it. */
  private static final class LoggingErrorListener implements ErrorListener {
    @Override
    public void errorOccurred(Connection conn, String error) {
      LOG.warn("NATS error: {}", error);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
      LOG.warn("NATS exception: {}", exp.toString());
    }

    @Override
    public void slowConsumerDetected(Connection conn, io.nats.client.Consumer consumer) {
      LOG.warn("NATS slow consumer: messages are being dropped");
    }
  }
}
