package virga.wasi.io;

import virga.wasi.host.HostResource;

/**
 * The rep of {@code wasi:io/streams.input-stream}. Implementations provide a non-blocking read and
 * a readiness; the blocking variants, skipping and chunk bounds are done once, in {@code WasiIo}.
 * Files, sockets and http bodies extend this.
 */
public abstract class HostInputStream extends HostResource {

  /**
   * Up to {@code len} bytes available now, possibly none; never blocks.
   *
   * @throws StreamException when the stream has ended ({@code closed}) or failed
   */
  public abstract byte[] read(int len);

  /** Ready when a read would return data or end-of-stream. */
  public abstract Readiness readiness();
}
