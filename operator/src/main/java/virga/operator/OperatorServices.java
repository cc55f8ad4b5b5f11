package virga.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import virga.operator.events.EventRecorder;
import virga.operator.hosts.HostClient;
import virga.operator.nats.BusHealth;

/**
 * What controllers are built from: the shared client, NATS host client, bus health, Event recorder,
 * metrics, clock and the configuration.
 */
public record OperatorServices(
    OperatorConfig config,
    KubernetesClient client,
    HostClient hostClient,
    BusHealth busHealth,
    EventRecorder events,
    MeterRegistry metrics,
    Clock clock) {}
