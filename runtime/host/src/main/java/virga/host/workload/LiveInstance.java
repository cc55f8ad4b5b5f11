package virga.host.workload;

import java.util.List;
import virga.component.ComponentInstance;
import virga.component.wit.HostBinder;
import virga.plugin.bind.ResourceScope;
import virga.wasi.WasiContext;

/**
 * One instance of a workload item with what it owns: its WASI context (host resources, streams) and
 * the instances of the components that serve its imports inside the workload. Closing it releases
 * all of them; the instance is not called afterwards.
 */
public final class LiveInstance implements AutoCloseable {
  private final ComponentInstance instance;
  private final WasiContext context;
  private final HostBinder wasi;
  private final ResourceScope pluginResources;
  private final List<LiveInstance> dependencies;
  private boolean closed;

  LiveInstance(
      ComponentInstance instance,
      WasiContext context,
      HostBinder wasi,
      ResourceScope pluginResources,
      List<LiveInstance> dependencies) {
    this.instance = instance;
    this.context = context;
    this.wasi = wasi;
    this.pluginResources = pluginResources;
    this.dependencies = List.copyOf(dependencies);
  }

  /** The component instance. */
  public ComponentInstance instance() {
    return instance;
  }

  /** Its WASI context. */
  public WasiContext context() {
    return context;
  }

  /** Where its WASI interfaces were registered (for the resource types of {@code wasi:http}). */
  public HostBinder wasi() {
    return wasi;
  }

  /**
   * Closes the context, the plugin resources the guest still holds and the instances serving its
   * imports; idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      pluginResources.close();
    } finally {
      try {
        context.close();
      } finally {
        for (LiveInstance d : dependencies) {
          d.close();
        }
      }
    }
  }
}
