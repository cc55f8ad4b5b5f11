package virga.wasi;

/**
 * Bounds on what one guest can make the host hold or produce, so bad or hostile input ends in a
 * WASI error or a trap rather than a JVM {@link OutOfMemoryError}.
 *
 * @param maxResources live host resources (streams, pollables, errors, …) per instance
 * @param maxReadChunk the most bytes one stream read returns, whatever length the guest asks for
 * @param maxWriteBudget what {@code check-write} permits per write on Java-backed streams
 * @param maxRandomBytes the longest {@code get-random-bytes} request; longer ones trap
 * @param stdinBuffer how far stdin is read ahead of the guest
 */
public record WasiLimits(
    int maxResources, int maxReadChunk, long maxWriteBudget, long maxRandomBytes, int stdinBuffer) {

  /**
   * 100k resources, 64 KiB reads and writes, 16 MiB of random bytes per call, 64 KiB stdin buffer.
   */
  public static final WasiLimits DEFAULT =
      new WasiLimits(100_000, 64 * 1024, 64 * 1024, 16L * 1024 * 1024, 64 * 1024);

  public WasiLimits {
    if (maxResources <= 0
        || maxReadChunk <= 0
        || maxWriteBudget <= 0
        || maxRandomBytes < 0
        || stdinBuffer <= 0) {
      throw new IllegalArgumentException("WASI limits must be positive");
    }
    if (maxRandomBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxRandomBytes must fit a Java array: " + maxRandomBytes);
    }
  }
}
