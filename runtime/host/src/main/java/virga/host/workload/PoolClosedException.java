package virga.host.workload;

/** A call into a workload that is being torn down. */
final class PoolClosedException extends IllegalStateException {
  PoolClosedException(String message) {
    super(message);
  }
}
