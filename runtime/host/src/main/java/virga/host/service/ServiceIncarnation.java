package virga.host.service;

/**
 * One life of a service: a fresh instance of its component, run to completion. The supervisor asks
 * its {@link Factory} for a new one on every (re)start, so a trapped instance is never re-entered.
 */
@FunctionalInterface
public interface ServiceIncarnation {
  /**
   * Runs the service until it ends and returns its exit code (0 = a clean exit, anything else a
   * crash); a trap is thrown. It runs on the service's own thread: an interrupt means stop. It
   * closes what it opened (the instance's WASI context) before returning.
   */
  int run() throws Exception;

  /** Makes a fresh incarnation: instantiates the service's component in a new store. */
  @FunctionalInterface
  interface Factory {
    /** A new incarnation; a failure counts as a crash. Called on the service's thread. */
    ServiceIncarnation create() throws Exception;
  }
}
