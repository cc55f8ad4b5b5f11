package virga.wasi.http;

import java.time.Duration;

/**
 * Bounds of the {@link HttpServer}.
 *
 * @param workers threads running guests (each request runs a guest to completion on one)
 * @param queue requests waiting for a worker before the server answers 503
 * @param maxRequestBody the largest request body; a bigger declared length is answered 413 before
 *     the guest runs, a bigger streamed body fails the guest's read with {@code
 *     HTTP-request-body-size} and closes the connection
 * @param maxInitialLine the longest request line (414 beyond)
 * @param maxHeaderSize the largest header section (431 beyond)
 * @param requestTimeout how long one guest call may run (it is interrupted with a trap: 500)
 * @param idleTimeout how long a connection may stay silent before it is closed
 * @param maxDrain how many bytes of a body the guest did not read are read and dropped to keep the
 *     connection; beyond, the connection is closed after the response
 */
public record HttpServerConfig(
    int workers,
    int queue,
    long maxRequestBody,
    int maxInitialLine,
    int maxHeaderSize,
    Duration requestTimeout,
    Duration idleTimeout,
    long maxDrain) {

  /** 8 workers, 1024 queued, 16 MiB bodies, 8 KiB request line, 16 KiB headers, 30 s, 60 s. */
  public static final HttpServerConfig DEFAULT =
      new HttpServerConfig(
          8,
          1024,
          16L * 1024 * 1024,
          8192,
          16 * 1024,
          Duration.ofSeconds(30),
          Duration.ofSeconds(60),
          1024 * 1024);

  public HttpServerConfig {
    if (workers <= 0 || queue < 0 || maxRequestBody < 0 || maxInitialLine <= 0) {
      throw new IllegalArgumentException("invalid HTTP server limits");
    }
  }

  /** This config with {@code n} workers. */
  public HttpServerConfig withWorkers(int n) {
    return new HttpServerConfig(
        n,
        queue,
        maxRequestBody,
        maxInitialLine,
        maxHeaderSize,
        requestTimeout,
        idleTimeout,
        maxDrain);
  }

  /** This config with a request-body bound. */
  public HttpServerConfig withMaxRequestBody(long bytes) {
    return new HttpServerConfig(
        workers,
        queue,
        bytes,
        maxInitialLine,
        maxHeaderSize,
        requestTimeout,
        idleTimeout,
        maxDrain);
  }

  /** This config with a per-request guest deadline. */
  public HttpServerConfig withRequestTimeout(Duration d) {
    return new HttpServerConfig(
        workers, queue, maxRequestBody, maxInitialLine, maxHeaderSize, d, idleTimeout, maxDrain);
  }
}
