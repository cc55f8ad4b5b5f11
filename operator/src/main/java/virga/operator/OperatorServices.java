package virga.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import virga.operator.events.EventRecorder;
import virga.operator.hosts.HeartbeatFanOut;
import virga.operator.hosts.HostClient;
import virga.operator.nats.BusHealth;

/**
 * What controllers are built from: the shared client, NATS host client, bus health, Event recorder,
 * metrics, clock, the configuration, and the heartbeat fan-out (add a handler to it to get every
 * host heartbeat the operator's one listener receives).
 */
public record OperatorServices(
    OperatorConfig config,
    KubernetesClient client,
    HostClient hostClient,
    BusHealth busHealth,
    EventRecorder events,
    MeterRegistry metrics,
    Clock clock,
    HeartbeatFanOut heartbeats) {

  /** Services with a heartbeat fan-out nobody feeds (tests that run no heartbeat listener). */
  public OperatorServices(
      OperatorConfig config,
      KubernetesClient client,
      HostClient hostClient,
      BusHealth busHealth,
      EventRecorder events,
      MeterRegistry metrics,
      Clock clock) {
    this(config, client, hostClient, busHealth, events, metrics, clock, new HeartbeatFanOut());
  }
}
