package virga.host.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.tls.PemTls;

/**
 * Opens a host's NATS connection with the client options of wasmCloud's operator ({@code
 * pkg/wasmbus/nats.go}): reconnect forever, every second plus jitter, so a NATS restart or a lost
 * network never ends the host's control loop; the first connect is retried the same way, so a host
 * may start before NATS.
 */
public final class NatsConnector {
  static final Duration RECONNECT_WAIT = Duration.ofSeconds(1);
  static final Duration RECONNECT_JITTER = Duration.ofMillis(250);
  static final Duration PING_INTERVAL = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(NatsConnector.class);

  private NatsConnector() {}

  /** The jnats options for {@code endpoint}; {@code listener} hears connects and reconnects. */
  public static Options options(
      NatsEndpoint endpoint, String connectionName, ConnectionListener listener) {
    Options.Builder b =
        new Options.Builder()
            .servers(endpoint.url().split(","))
            .connectionName(connectionName)
            .maxReconnects(-1)
            .reconnectWait(RECONNECT_WAIT)
            .reconnectJitter(RECONNECT_JITTER)
            .reconnectJitterTls(RECONNECT_JITTER)
            .pingInterval(PING_INTERVAL)
            .maxPingsOut(2)
            .connectionListener(listener)
            .errorListener(new LoggingErrors());
    if (endpoint.creds() != null) {
      b.authHandler(Nats.credentials(endpoint.creds().toString()));
    }
    if (endpoint.tls()) {
      try {
        b.sslContext(PemTls.context(endpoint.ca(), endpoint.cert(), endpoint.key()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("cannot set up NATS TLS: " + e.getMessage(), e);
      }
    }
    return b.build();
  }

  /** Connects, in the background when the server is not there yet. */
  public static Connection connect(NatsEndpoint endpoint, String name, ConnectionListener listener)
      throws InterruptedException {
    try {
      return Nats.connectReconnectOnConnect(options(endpoint, name, listener));
    } catch (IOException e) {
      // reconnect-on-connect retries what retrying can fix; this is e.g. a bad TLS setup
      throw new IllegalStateException(
          "cannot connect to NATS at " + endpoint.url() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens the data-plane connection the host shares with its plugins ({@code --data-nats-*}), named
   * {@code name}; in the background when the server is not there yet.
   */
  public static Connection connectData(NatsEndpoint endpoint, String name) {
    try {
      return connect(endpoint, name, (conn, e) -> {});
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting to the data NATS", e);
    }
  }

  /** Closes {@code connection} if there is one, keeping an interrupt for the caller. */
  public static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends what jnats reports to the log instead of stderr. */
  private static final class LoggingErrors implements ErrorListener {
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
      LOG.warn("NATS slow consumer: commands are being dropped");
    }
  }
}
