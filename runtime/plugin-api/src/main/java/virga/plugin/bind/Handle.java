package virga.plugin.bind;

/**
 * The rep typed bindings put in a guest's handle table for a plugin resource: the plugin's object
 * plus the scope that counts it. The engine closes the rep when the guest drops its own handle;
 * identity equality, so two handles of one object stay two entries.
 */
final class Handle implements AutoCloseable {
  private final Object target;
  private final ResourceScope scope;

  Handle(Object target, ResourceScope scope) {
    this.target = target;
    this.scope = scope;
  }

  /** The plugin's object. */
  Object target() {
    return target;
  }

  /** The guest passed the handle back as {@code own}: the plugin owns the object again. */
  Object release() {
    scope.forget(this);
    return target;
  }

  /** The guest dropped its handle: closes the object, once. */
  @Override
  public void close() {
    if (scope.forget(this)) {
      destroy();
    }
  }

  /** Closes the object. */
  void destroy() {
    closeQuietly(target);
  }

  /** Closes {@code o} when it is {@link AutoCloseable}; a failure has nobody to go to. */
  static void closeQuietly(Object o) {
    if (o instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // the guest's drop cannot fail; the resource is gone either way
      }
    }
  }

  @Override
  public String toString() {
    return "handle(" + target + ")";
  }
}
