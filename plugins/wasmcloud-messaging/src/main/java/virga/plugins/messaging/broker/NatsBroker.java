package virga.plugins.messaging.broker;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link Broker} over a NATS connection the host owns (it is never closed here). Each subscription
 * gets its own jnats dispatcher (one delivery thread), so a slow handler holds back only its own
 * subscription.
 */
public final class NatsBroker implements Broker {
  private final Connection connection;

  /** A broker over {@code connection}. */
  public NatsBroker(Connection connection) {
    this.connection = connection;
  }

  @Override
  public void publish(String subject, String replyTo, byte[] body) throws BrokerException {
    try {
      Subjects.checkPublish(subject);
      if (replyTo != null) {
        Subjects.checkPublish(replyTo);
      }
      connection.publish(subject, replyTo, body);
    } catch (RuntimeException e) {
      // jnats: IllegalStateException when closed, IllegalArgumentException over max_payload
      throw new BrokerException("failed to send message: " + e.getMessage(), e);
    }
  }

  @Override
  public BrokerMessage request(String subject, byte[] body, Duration timeout)
      throws BrokerException {
    long start = System.nanoTime();
    CompletableFuture<Message> future;
    try {
      Subjects.checkPublish(subject);
      future = connection.requestWithTimeout(subject, body, timeout);
    } catch (RuntimeException e) {
      throw new BrokerException("failed to send request: " + e.getMessage(), e);
    }
    try {
      Message reply = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return new BrokerMessage(
          reply.getSubject(), reply.getData(), Optional.ofNullable(reply.getReplyTo()));
    } catch (TimeoutException e) {
      future.cancel(true);
      throw timedOut(timeout);
    } catch (CancellationException e) {
      // jnats cancels the future both for a 503 (no responders) and when its own cleanup timer
      // fires at the timeout: only an early cancel is the server's answer.
      if (System.nanoTime() - start < timeout.toNanos()) {
        throw new BrokerException("failed to send request: no responders", e);
      }
      throw timedOut(timeout);
    } catch (ExecutionException e) {
      throw new BrokerException("failed to send request: " + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new BrokerException("failed to send request: interrupted", e);
    }
  }

  private static BrokerException timedOut(Duration timeout) {
    return new BrokerException("request timed out after " + timeout.toMillis() + "ms");
  }

  @Override
  public Subscription subscribe(String subject, String queueGroup, MessageSink sink)
      throws BrokerException {
    Dispatcher dispatcher;
    try {
      Subjects.checkSubscribe(subject);
      dispatcher =
          connection.createDispatcher(
              m ->
                  sink.accept(
                      new BrokerMessage(
                          m.getSubject(), m.getData(), Optional.ofNullable(m.getReplyTo()))));
      if (queueGroup == null) {
        dispatcher.subscribe(subject);
      } else {
        dispatcher.subscribe(subject, queueGroup);
      }
    } catch (RuntimeException e) {
      throw new BrokerException("failed to subscribe to " + subject + ": " + e.getMessage(), e);
    }
    return new NatsSubscription(subject, dispatcher);
  }

  @Override
  public void sync(Duration timeout) throws BrokerException {
    // flush(timeout) sends a PING and waits for the PONG: the server handles a connection's
    // commands in order, so every SUB sent before is registered once the PONG is back (#5074).
    try {
      connection.flush(timeout);
    } catch (TimeoutException e) {
      throw new BrokerException(
          "the NATS server did not confirm the subscriptions within " + timeout.toMillis() + "ms",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerException("interrupted while confirming the subscriptions", e);
    } catch (RuntimeException e) {
      throw new BrokerException("cannot confirm the subscriptions: " + e.getMessage(), e);
    }
  }

  private final class NatsSubscription implements Subscription {
    private final String subject;
    private final Dispatcher dispatcher;
    private volatile boolean closed;

    NatsSubscription(String subject, Dispatcher dispatcher) {
      this.subject = subject;
      this.dispatcher = dispatcher;
    }

    @Override
    public String subject() {
      return subject;
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        connection.closeDispatcher(dispatcher);
      } catch (RuntimeException e) {
        // the connection is closed already: nothing left to unsubscribe
      }
    }
  }
}
