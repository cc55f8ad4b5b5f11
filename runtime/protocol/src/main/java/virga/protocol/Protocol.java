package virga.protocol;

import java.time.Duration;

/**
 * Timing constants of the wasmCloud v2 host protocol, as the Rust host and the Go operator use
 * them.
 */
public final class Protocol {
  /** How often a host publishes its heartbeat. */
  public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(15);

  /**
   * How long without a sign of life (a heartbeat or an answered heartbeat request) before a host
   * counts as unreachable: one heartbeat interval plus 5 s of grace. wasmCloud waits 60 s; the
   * operator asks the host directly before it gives up on it, so a late heartbeat alone never moves
   * workloads.
   */
  public static final Duration HEARTBEAT_TTL = Duration.ofSeconds(20);

  /** Request timeouts the operator uses. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  public static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration HEARTBEAT_PROBE_TIMEOUT = Duration.ofSeconds(5);

  /**
   * The heartbeat label by which a host advertises Virga's live-config extension ({@link
   * HostCommand#WORKLOAD_CONFIG}); a label, not a JSON field, so wasmCloud's decoders accept it.
   */
  public static final String CONFIG_UPDATE_LABEL = "virga.dev/config-update";

  /**
   * An annotation of the workload in a start request: the name of the WorkloadDeployment the
   * Workload belongs to, so that plugins can share state across its replicas (the messaging
   * plugin's default consumer group). Absent for a Workload applied on its own.
   */
  public static final String DEPLOYMENT_ANNOTATION = "virga.dev/deployment";

  /** The extension's version, the label's value. */
  public static final String CONFIG_UPDATE_VERSION = "v1";

  /** How long the operator waits for a config update's reply. */
  public static final Duration CONFIG_UPDATE_TIMEOUT = Duration.ofSeconds(10);

  private Protocol() {}
}
