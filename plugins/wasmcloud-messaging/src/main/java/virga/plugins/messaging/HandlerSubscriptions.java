package virga.plugins.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.component.values.Value;
import virga.plugin.ResolvedWorkload;
import virga.plugins.messaging.broker.Broker;
import virga.plugins.messaging.broker.BrokerException;
import virga.plugins.messaging.broker.BrokerMessage;
import virga.plugins.messaging.broker.Subscription;

/**
 * The subscriptions of one handler item: each message is admitted (or shed), then handed to the
 * item's {@code handle-message} export on a worker thread, in a fresh instance from its pool. A
 * handler error or trap is logged and counted; the subscription goes on.
 */
final class HandlerSubscriptions implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HandlerSubscriptions.class);

  private final Broker broker;
  private final Admission admission;
  private final Admission.Gate gate;
  private final HandlerConfig config;
  private final String queueGroup;
  private final ResolvedWorkload workload;
  private final String item;
  private final String function;
  private final Executor workers;
  private final Counter ok;
  private final Counter failed;
  private final Counter trapped;
  private final List<Subscription> subscriptions = new ArrayList<>();
  private volatile boolean closed;

  HandlerSubscriptions(
      Broker broker,
      Admission admission,
      Admission.Gate gate,
      HandlerConfig config,
      String queueGroup,
      ResolvedWorkload workload,
      String item,
      String function,
      Executor workers,
      MeterRegistry meters,
      Admission.GateKey key) {
    this.broker = broker;
    this.admission = admission;
    this.gate = gate;
    this.config = config;
    this.queueGroup = queueGroup;
    this.workload = workload;
    this.item = item;
    this.function = function;
    this.workers = workers;
    this.ok = handled(meters, key, "ok");
    this.failed = handled(meters, key, "error");
    this.trapped = handled(meters, key, "trap");
  }

  private static Counter handled(MeterRegistry meters, Admission.GateKey key, String outcome) {
    return Counter.builder("virga.messaging.handled")
        .description("Messages handed to a component's handle-message, by outcome")
        .tag("namespace", key.namespace())
        .tag("deployment", key.deployment())
        .tag("component", key.component())
        .tag("outcome", outcome)
        .register(meters);
  }

  /**
   * Subscribes to every subject and waits until the broker confirms them, so that the workload is
   * Ready only with its subscriptions live (wasmCloud #5074).
   *
   * @throws BrokerException after closing what was subscribed
   */
  void open(Duration confirmWithin) throws BrokerException {
    try {
      for (String subject : config.subscriptions()) {
        subscriptions.add(broker.subscribe(subject, queueGroup, m -> deliver(subject, m)));
      }
      broker.sync(confirmWithin);
    } catch (BrokerException | RuntimeException e) {
      close();
      throw e;
    }
  }

  List<String> subjects() {
    return config.subscriptions();
  }

  String queueGroup() {
    return queueGroup;
  }

  /** On the subscription's delivery thread: waiting for a slot holds back this subscription. */
  private void deliver(String pattern, BrokerMessage message) {
    if (closed) {
      return;
    }
    boolean admitted;
    try {
      admitted = gate.admit(config.admissionWait());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!admitted) {
      // A requester is not told (as in wasmCloud): it waits out its own timeout.
      gate.shed(pattern, message.subject(), config.admissionWait());
      return;
    }
    try {
      workers.execute(
          () -> {
            try {
              handle(message);
            } finally {
              gate.done();
            }
          });
    } catch (RejectedExecutionException e) {
      gate.done();
    }
  }

  private void handle(BrokerMessage message) {
    try {
      Value result = workload.call(item, function, toValue(message));
      if (result instanceof Value.ResultValue r && !r.isOk()) {
        failed.increment();
        LOG.warn(
            "handler {} of workload {} returned an error for a message on {}: {}",
            item,
            workload.name(),
            message.subject(),
            r.payload() instanceof Value.Str s ? s.value() : r.payload());
      } else {
        ok.increment();
      }
    } catch (RuntimeException e) {
      trapped.increment();
      LOG.warn(
          "handler {} of workload {} failed on a message on {}: {}",
          item,
          workload.name(),
          message.subject(),
          e.toString());
    }
  }

  static Value toValue(BrokerMessage m) {
    byte[] body = m.body();
    List<Value> bytes = new ArrayList<>(body.length);
    for (byte b : body) {
      bytes.add(Value.u8(b & 0xff));
    }
    return Value.record(
        Value.field("subject", Value.string(m.subject())),
        Value.field("body", Value.list(bytes)),
        Value.field(
            "reply-to",
            m.replyTo().<Value>map(r -> Value.some(Value.string(r))).orElse(Value.none())));
  }

  /** Unsubscribes and gives the gate back; idempotent. Handlers already running finish. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Subscription s : subscriptions) {
      s.close();
    }
    subscriptions.clear();
    admission.release(gate);
  }
}
