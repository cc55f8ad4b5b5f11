package virga.wasi.host;

/**
 * The rep of a host resource handed to a guest: one object per guest handle. The canonical ABI
 * closes it when the guest drops its own handle; {@link ResourceTable#close()} closes whatever is
 * left when the instance goes away. Closing is idempotent; subclasses release in {@link
 * #onClose()}.
 */
public abstract class HostResource implements AutoCloseable {
  private ResourceTable table;
  private boolean closed;

  /** Called once, on the first close; releases what this handle holds. */
  protected void onClose() {}

  /** Whether the guest (or the instance's end) has dropped this resource. */
  public final synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public final void close() {
    ResourceTable t;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      t = table;
    }
    if (t != null) {
      t.forget(this);
    }
    onClose();
  }

  synchronized void attach(ResourceTable t) {
    if (table != null && table != t) {
      throw new IllegalStateException("resource already belongs to another table: " + this);
    }
    table = t;
  }
}
