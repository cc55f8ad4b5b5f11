package virga.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventRecorder} of every controller: writes core/v1 Events about objects, as
 * controller-runtime's recorder does. Failures are logged, never thrown: an Event is a courtesy.
 * Messages longer than client-go's limit (1024 characters) are cut.
 *
 * <p>{@link #async} makes one that writes from its own threads, as client-go's broadcaster does: a
 * reconcile then never waits for an Event on a busy API server, and when the queue is full further
 * Events are dropped (and counted) rather than slowing the controllers down.
 */
public class KubernetesEventRecorder implements EventRecorder, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEventRecorder.class);
  // client-go's tools/events messageLengthLimit: longer messages (a pull error) are cut
  private static final int MAX_MESSAGE = 1024;

  private final KubernetesClient client;
  private final Clock clock;
  private final ThreadPoolExecutor writer;
  private final AtomicLong dropped = new AtomicLong();

  /** A recorder that writes each Event before it returns. */
  public KubernetesEventRecorder(KubernetesClient client, Clock clock) {
    this(client, clock, null);
  }

  private KubernetesEventRecorder(KubernetesClient client, Clock clock, ThreadPoolExecutor writer) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.writer = writer;
  }

  /**
   * A recorder that queues Events (at most {@code capacity}) for {@code threads} writer threads and
   * drops what does not fit; {@link #close} stops the writers.
   */
  public static KubernetesEventRecorder async(
      KubernetesClient client, Clock clock, int threads, int capacity) {
    AtomicLong n = new AtomicLong();
    ThreadPoolExecutor writer =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(capacity),
            r -> {
              Thread t = new Thread(r, "event-writer-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    writer.allowCoreThreadTimeOut(true);
    KubernetesEventRecorder recorder = new KubernetesEventRecorder(client, clock, writer);
    writer.setRejectedExecutionHandler((task, pool) -> recorder.dropped.incrementAndGet());
    return recorder;
  }

  /** How many Events were dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Stops the writer threads of an {@link #async} recorder; queued Events are dropped. */
  @Override
  public void close() {
    if (writer != null) {
      writer.shutdownNow();
    }
  }

  /** Records an Event of {@code type} in the namespace of {@code about}. */
  @Override
  public void record(HasMetadata about, String type, String reason, String message) {
    // built here, on the caller's thread: the object may change once the caller goes on
    Event event = event(about, type, reason, message);
    if (writer == null) {
      write(event);
    } else {
      writer.execute(() -> write(event));
    }
  }

  private Event event(HasMetadata about, String type, String reason, String message) {
    String namespace = about.getMetadata().getNamespace();
    if (namespace == null) {
      namespace = "default";
    }
    String now =
        DateTimeFormatter.ISO_INSTANT.format(
            clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    return new EventBuilder()
        .withNewMetadata()
        .withName(
            about.getMetadata().getName()
                + "."
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
        .withNamespace(namespace)
        .endMetadata()
        .withInvolvedObject(
            new ObjectReferenceBuilder()
                .withApiVersion(about.getApiVersion())
                .withKind(about.getKind())
                .withName(about.getMetadata().getName())
                .withNamespace(about.getMetadata().getNamespace())
                .withUid(about.getMetadata().getUid())
                .build())
        .withType(type)
        .withReason(reason)
        .withMessage(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withReportingComponent(COMPONENT)
        .withNewSource()
        .withComponent(COMPONENT)
        .endSource()
        .build();
  }

  private void write(Event event) {
    try {
      client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "could not record event {} on {}/{}: {}",
          event.getReason(),
          event.getMetadata().getNamespace(),
          event.getInvolvedObject().getName(),
          e.getMessage());
    }
  }
}
