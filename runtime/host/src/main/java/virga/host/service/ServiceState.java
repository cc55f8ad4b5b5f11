package virga.host.service;

/** Where a supervised service is in its life. */
public enum ServiceState {
  /** The first incarnation is being created. */
  STARTING,
  /** An incarnation is running. */
  RUNNING,
  /** An incarnation crashed; the next one starts after a backoff. */
  RESTARTING,
  /** The service exited cleanly (exit code 0); it is not restarted. */
  COMPLETED,
  /** The service crashed with its restart budget exhausted; it is not restarted. */
  FAILED,
  /** The service was stopped by the host. */
  STOPPED
}
