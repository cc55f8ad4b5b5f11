package virga.plugin;

/** Fails one workload: the host moves it to ERROR with the reason and tears it down. */
@FunctionalInterface
public interface WorkloadFailureSink {
  /** Reports that {@code workloadId} failed for {@code reason}. */
  void fail(String workloadId, String reason);
}
