package virga.wasi.io;

/**
 * An input-stream handle on an {@link AsyncInputSource}. Several handles may share one source (each
 * {@code get-stdin} call returns a new handle on the instance's stdin); only an owning handle
 * closes the source when dropped.
 */
public final class SourceInputStream extends HostInputStream {
  private final AsyncInputSource source;
  private final boolean owning;

  /** A handle on {@code source}; closes it on drop when {@code owning}. */
  public SourceInputStream(AsyncInputSource source, boolean owning) {
    this.source = source;
    this.owning = owning;
  }

  @Override
  public byte[] read(int len) {
    if (isClosed()) {
      throw StreamException.closed();
    }
    return source.read(len);
  }

  @Override
  public Readiness readiness() {
    return source;
  }

  @Override
  protected void onClose() {
    if (owning) {
      source.close();
    }
  }
}
