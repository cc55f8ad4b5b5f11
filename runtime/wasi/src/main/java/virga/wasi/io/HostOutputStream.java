package virga.wasi.io;

import virga.wasi.host.HostResource;

/**
 * The rep of {@code wasi:io/streams.output-stream}: the check-write/write/flush protocol. The
 * blocking variants, zero writes and splicing are built on these in {@code WasiIo}.
 */
public abstract class HostOutputStream extends HostResource {

  /**
   * How many bytes {@link #write} accepts now (0 when it must wait); never blocks.
   *
   * @throws StreamException when the stream is closed or a previous write failed
   */
  public abstract long checkWrite();

  /**
   * Accepts {@code bytes}, at most what {@link #checkWrite} last permitted.
   *
   * @throws StreamException when the stream is closed or the write failed
   */
  public abstract void write(byte[] bytes);

  /** Starts flushing; {@link #readiness} turns ready when it is done. */
  public abstract void flush();

  /** Ready when {@link #checkWrite} would permit a write (or report an error). */
  public abstract Readiness readiness();
}
