package virga.plugins.messaging.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process broker with the NATS semantics of {@link Broker}: for development and tests. Each
 * subscription has its own delivery thread and unbounded queue, as a NATS dispatcher does; a queue
 * group gets each message once, at a random member.
 */
public final class MemoryBroker implements Broker {
  private static final AtomicLong THREADS = new AtomicLong();

  private final List<MemorySubscription> subscriptions = new CopyOnWriteArrayList<>();

  @Override
  public void publish(String subject, String replyTo, byte[] body) throws BrokerException {
    try {
      Subjects.checkPublish(subject);
      if (replyTo != null) {
        Subjects.checkPublish(replyTo);
      }
    } catch (IllegalArgumentException e) {
      throw new BrokerException("failed to send message: " + e.getMessage(), e);
    }
    route(new BrokerMessage(subject, body.clone(), Optional.ofNullable(replyTo)));
  }

  /** Hands {@code message} to every plain subscriber and one member per queue group; the count. */
  private int route(BrokerMessage message) {
    Map<String, List<MemorySubscription>> groups = new LinkedHashMap<>();
    int delivered = 0;
    for (MemorySubscription s : subscriptions) {
      if (!Subjects.matches(s.subject, message.subject())) {
        continue;
      }
      if (s.group == null) {
        s.queue.add(message);
        delivered++;
      } else {
        groups.computeIfAbsent(s.group, g -> new ArrayList<>()).add(s);
      }
    }
    for (List<MemorySubscription> members : groups.values()) {
      members.get(ThreadLocalRandom.current().nextInt(members.size())).queue.add(message);
      delivered++;
    }
    return delivered;
  }

  @Override
  public BrokerMessage request(String subject, byte[] body, Duration timeout)
      throws BrokerException {
    try {
      Subjects.checkPublish(subject);
    } catch (IllegalArgumentException e) {
      throw new BrokerException("failed to send request: " + e.getMessage(), e);
    }
    String inbox = "_INBOX." + UUID.randomUUID().toString().replace("-", "");
    CompletableFuture<BrokerMessage> reply = new CompletableFuture<>();
    try (Subscription s = subscribe(inbox, null, reply::complete)) {
      if (route(new BrokerMessage(subject, body.clone(), Optional.of(inbox))) == 0) {
        // NATS answers a request nobody listens to at once (503), not at the timeout.
        throw new BrokerException("failed to send request: no responders");
      }
      return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new BrokerException("request timed out after " + timeout.toMillis() + "ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerException("failed to send request: interrupted", e);
    } catch (ExecutionException e) {
      throw new BrokerException("failed to send request: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public Subscription subscribe(String subject, String queueGroup, MessageSink sink)
      throws BrokerException {
    try {
      Subjects.checkSubscribe(subject);
    } catch (IllegalArgumentException e) {
      throw new BrokerException("failed to subscribe: " + e.getMessage(), e);
    }
    MemorySubscription s = new MemorySubscription(subject, queueGroup, sink);
    subscriptions.add(s);
    s.thread.start();
    return s;
  }

  /** Nothing to wait for: a subscription is live when {@link #subscribe} returns. */
  @Override
  public void sync(Duration timeout) {}

  /** How many subscriptions are live (tests: unbind leaves none). */
  public int subscriptionCount() {
    return subscriptions.size();
  }

  private final class MemorySubscription implements Subscription {
    private final String subject;
    private final String group;
    private final LinkedBlockingQueue<BrokerMessage> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    MemorySubscription(String subject, String group, MessageSink sink) {
      this.subject = subject;
      this.group = group;
      this.thread =
          new Thread(() -> deliver(sink), "virga-messaging-memory-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
    }

    private void deliver(MessageSink sink) {
      while (!closed) {
        BrokerMessage m;
        try {
          m = queue.take();
        } catch (InterruptedException e) {
          return;
        }
        if (!closed) {
          try {
            sink.accept(m);
          } catch (RuntimeException e) {
            // the sink reports its own failures; one bad message must not end the subscription
          }
        }
      }
    }

    @Override
    public String subject() {
      return subject;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      subscriptions.remove(this);
      thread.interrupt();
    }
  }
}
