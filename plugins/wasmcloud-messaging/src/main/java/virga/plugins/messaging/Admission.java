package virga.plugins.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many messages the handlers of one host process at once (wasmCloud's {@code MessagingLimits}):
 * one host-wide ceiling, and one gate per component of a deployment, shared by its replicas on this
 * host. A message waits for both at most its {@code admission_wait}, then is shed: logged and
 * counted in {@code virga.messaging.admission.shed}.
 */
final class Admission {
  /** Host setting: the host-wide ceiling. */
  static final String MAX_IN_FLIGHT = "max-in-flight";

  /** Host setting: what a component without {@code max_in_flight} gets, and the most it may ask. */
  static final String MAX_IN_FLIGHT_PER_COMPONENT = "max-in-flight-per-component";

  /**
   * The host-wide default: wasmCloud's value without wasmtime's instance pool (128), as Virga
   * instantiates on the heap.
   */
  static final int DEFAULT_MAX_IN_FLIGHT = 128;

  private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

  private final Semaphore host;
  private final int hostTotal;
  private final int perComponent;
  private final MeterRegistry meters;
  private final Map<GateKey, Gate> gates = new HashMap<>();

  /** Who a gate belongs to: the names a manifest author knows, never a per-replica id. */
  record GateKey(String namespace, String deployment, String component) {}

  Admission(int hostTotal, int perComponent, MeterRegistry meters) {
    if (hostTotal < 1 || perComponent < 1) {
      throw new IllegalArgumentException(
          "messaging ceilings must be at least 1 (max-in-flight "
              + hostTotal
              + ", max-in-flight-per-component "
              + perComponent
              + ")");
    }
    this.host = new Semaphore(hostTotal, true);
    this.hostTotal = hostTotal;
    this.perComponent = perComponent;
    this.meters = meters;
  }

  /**
   * The ceilings from the plugin's host settings: {@code max-in-flight} (default {@value
   * #DEFAULT_MAX_IN_FLIGHT}) and {@code max-in-flight-per-component} (default a quarter of it).
   *
   * @throws IllegalArgumentException when a setting is not a positive number
   */
  static Admission fromSettings(Map<String, String> settings, MeterRegistry meters) {
    int total = positive(settings, MAX_IN_FLIGHT, DEFAULT_MAX_IN_FLIGHT);
    int per = positive(settings, MAX_IN_FLIGHT_PER_COMPONENT, Math.max(1, total / 4));
    return new Admission(total, per, meters);
  }

  private static int positive(Map<String, String> settings, String key, int fallback) {
    String v = settings.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "setting " + key + " must be a positive number of messages, got '" + v + "'");
  }

  int hostTotal() {
    return hostTotal;
  }

  int perComponent() {
    return perComponent;
  }

  /** Free host-wide slots (tests). */
  int hostAvailable() {
    return host.availablePermits();
  }

  /**
   * The gate of {@code key}, created with {@code requested} (clamped to the per-component ceiling)
   * or the default; replicas share it. Give it back with {@link #release}.
   */
  synchronized Gate acquire(GateKey key, OptionalInt requested) {
    int limit = Math.min(requested.orElse(perComponent), Math.min(perComponent, hostTotal));
    if (requested.isPresent() && requested.getAsInt() > limit) {
      LOG.warn(
          "component {} of {}/{} asked for max_in_flight {}; this host allows {} per component",
          key.component(),
          key.namespace(),
          key.deployment(),
          requested.getAsInt(),
          limit);
    }
    Gate gate = gates.computeIfAbsent(key, k -> new Gate(k, Math.max(1, limit)));
    gate.bindings++;
    return gate;
  }

  /** Gives back one binding of {@code gate}; the last one removes it. */
  synchronized void release(Gate gate) {
    gate.bindings--;
    if (gate.bindings <= 0) {
      gates.remove(gate.key, gate);
    }
  }

  /** One component's slots, with the host's behind them. */
  final class Gate {
    private final GateKey key;
    private final Semaphore component;
    private final int limit;
    private int bindings;

    private Gate(GateKey key, int limit) {
      this.key = key;
      this.limit = limit;
      this.component = new Semaphore(limit, true);
    }

    int limit() {
      return limit;
    }

    /**
     * Waits at most {@code wait} for a component slot and a host slot; true when admitted (call
     * {@link #done()} after the handler), false when the message must be shed.
     */
    boolean admit(Duration wait) throws InterruptedException {
      long deadline = System.nanoTime() + wait.toNanos();
      if (!component.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        return false;
      }
      long left = Math.max(0, deadline - System.nanoTime());
      if (!host.tryAcquire(left, TimeUnit.NANOSECONDS)) {
        component.release();
        return false;
      }
      return true;
    }

    /** Frees the slots {@link #admit} took. */
    void done() {
      host.release();
      component.release();
    }

    /** Counts and logs a shed message that arrived on {@code pattern}. */
    void shed(String pattern, String subject, Duration wait) {
      LOG.warn(
          "shed a message on {} for component {} of {}/{}: no messaging slot within {} ms"
              + " (max_in_flight {}, host max-in-flight {})",
          subject,
          key.component(),
          key.namespace(),
          key.deployment(),
          wait.toMillis(),
          limit,
          hostTotal);
      shedCounter(pattern).increment();
    }

    private Counter shedCounter(String pattern) {
      // tags from the manifest and the configured pattern only, never the concrete subject
      return Counter.builder("virga.messaging.admission.shed")
          .description("Messages dropped because no admission slot came free before the deadline")
          .tag("namespace", key.namespace())
          .tag("deployment", key.deployment())
          .tag("component", key.component())
          .tag("subscription", pattern)
          .register(meters);
    }
  }
}
