package virga.operator.controller.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.HostStatus;
import virga.operator.conditions.StatusPatch;
import virga.operator.events.EventRecorder;
import virga.operator.hosts.HeartbeatHandler;
import virga.protocol.v2.HostHeartbeat;

/**
 * Turns heartbeats into Host objects in the host namespace: creates the Host on the first one,
 * keeps its root fields and labels in step, and patches its status with what was reported and
 * lastSeen. Work runs on one thread of its own, in arrival order, so the NATS dispatcher never
 * waits for the API server.
 */
public final class HostRegistrar implements HeartbeatHandler, AutoCloseable {
  /** Event reason when a Host object is created from a first heartbeat. */
  public static final String REASON_REGISTERED = "HostRegistered";

  private static final Logger LOG = LoggerFactory.getLogger(HostRegistrar.class);

  private final KubernetesClient client;
  private final String namespace;
  private final Clock clock;
  private final EventRecorder events;
  private final ExecutorService worker;
  private final AtomicLong failures = new AtomicLong();

  public HostRegistrar(
      KubernetesClient client, String namespace, Clock clock, EventRecorder events) {
    this.client = Objects.requireNonNull(client, "client");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.events = Objects.requireNonNull(events, "events");
    this.worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "host-registrar");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void onHeartbeat(String hostId, HostHeartbeat heartbeat) {
    worker.execute(
        () -> {
          try {
            register(hostId, heartbeat);
          } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.warn("could not register the heartbeat of host {}: {}", hostId, e.getMessage());
          }
        });
  }

  /** Heartbeats that could not be written to the API server. */
  public long failures() {
    return failures.get();
  }

  /** Creates or updates the Host for one heartbeat; returns it, or null while it is deleted. */
  public Host register(String hostId, HostHeartbeat heartbeat) {
    String name = HostStatusMapping.hostName(hostId, heartbeat);
    var resource = client.resources(Host.class).inNamespace(namespace).withName(name);
    Host host = resource.get();
    if (host == null) {
      Host fresh = new Host();
      fresh.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
      HostStatusMapping.applyIdentity(fresh, hostId, heartbeat);
      try {
        host = client.resource(fresh).create();
        LOG.info("registered host {} as Host {}/{}", hostId, namespace, name);
        events.normal(
            host, REASON_REGISTERED, "Host " + hostId + " registered from its first heartbeat");
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        host = resource.get();
      }
    } else if (host.getMetadata().getDeletionTimestamp() != null) {
      // it is going away; the next heartbeat after that registers it again
      return null;
    } else {
      Host edited = Serialization.clone(host);
      if (HostStatusMapping.applyIdentity(edited, hostId, heartbeat)) {
        host = resource.edit(h -> identityOf(edited, h));
      }
    }
    JsonNode before = StatusPatch.snapshot(host.getStatus());
    HostStatus status = host.getStatus() == null ? new HostStatus() : host.getStatus();
    host.setStatus(HostStatusMapping.applyStatus(status, heartbeat, clock.instant()));
    StatusPatch.apply(client, host, status, before);
    return host;
  }

  private static Host identityOf(Host from, Host into) {
    into.setHostId(from.getHostId());
    into.setHostname(from.getHostname());
    into.setHttpPort(from.getHttpPort());
    into.setEnvironment(from.getEnvironment());
    into.getMetadata().setLabels(from.getMetadata().getLabels());
    return into;
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
