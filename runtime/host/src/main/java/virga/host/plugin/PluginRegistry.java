package virga.host.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.plugin.HostPlugin;
import virga.plugin.PluginContext;

/**
 * The host's plugins, by id: found with {@link ServiceLoader} on the class path and in the jars of
 * a plugins directory, or registered in code. Ids are unique; iteration, start and binding go in id
 * order, stop in the reverse order.
 */
public final class PluginRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(1);

  private final TreeMap<String, Registered> plugins = new TreeMap<>();
  private final List<URLClassLoader> loaders = new ArrayList<>();
  private final List<HostPlugin> started = new ArrayList<>();
  private final Map<String, Map<String, String>> settings = new TreeMap<>();
  private final PluginErrors errors;
  private boolean startCalled;

  private record Registered(HostPlugin plugin, String source) {}

  /** An empty registry. */
  public PluginRegistry() {
    this(new PluginErrors());
  }

  /** An empty registry that records stop failures in {@code errors}. */
  public PluginRegistry(PluginErrors errors) {
    this.errors = errors;
  }

  /**
   * The plugins on this class's class path plus, when {@code pluginsDir} is not null, those in the
   * jars of that directory ({@code --plugins-dir}).
   */
  public static PluginRegistry discover(Path pluginsDir) {
    PluginRegistry registry = new PluginRegistry();
    registry.loadClassPath(PluginRegistry.class.getClassLoader());
    if (pluginsDir != null) {
      registry.loadDirectory(pluginsDir, PluginRegistry.class.getClassLoader());
    }
    return registry;
  }

  /** Registers {@code plugin} from code. */
  public synchronized PluginRegistry register(HostPlugin plugin) {
    add(plugin, plugin.getClass().getName() + " registered in code");
    return this;
  }

  /** Registers every {@link HostPlugin} that {@link ServiceLoader} finds through {@code loader}. */
  public synchronized void loadClassPath(ClassLoader loader) {
    load(ServiceLoader.load(HostPlugin.class, loader), null, "the class path");
  }

  /**
   * Registers the plugins of every {@code *.jar} in {@code dir} (one class loader over all of them,
   * child of {@code parent}, so a plugin jar may hold its own dependencies and still see {@code
   * virga.plugin}).
   *
   * @throws PluginException when {@code dir} is not a directory
   */
  public synchronized void loadDirectory(Path dir, ClassLoader parent) {
    if (!Files.isDirectory(dir)) {
      throw new PluginException(
          "plugins directory "
              + dir
              + " does not exist or is not a directory: pass an existing directory of plugin"
              + " jars to --plugins-dir");
    }
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(toUrl(jar));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list plugins directory " + dir, e);
    }
    if (jars.isEmpty()) {
      LOG.info("plugins directory {} holds no jar", dir);
      return;
    }
    URLClassLoader loader = new URLClassLoader("virga-plugins", jars.toArray(URL[]::new), parent);
    loaders.add(loader);
    load(ServiceLoader.load(HostPlugin.class, loader), loader, dir.toString());
  }

  /**
   * Gives plugin {@code pluginId} the host-level setting {@code key=value} ({@code --plugin-config
   * ID.KEY=VALUE}), handed to it at start in {@link PluginContext#settings()}. A setting for an id
   * no plugin has fails {@link #startAll}.
   */
  public synchronized PluginRegistry configure(String pluginId, String key, String value) {
    settings.computeIfAbsent(pluginId, id -> new TreeMap<>()).put(key, value);
    return this;
  }

  /** The plugins, in id order. */
  public synchronized List<HostPlugin> plugins() {
    return plugins.values().stream().map(Registered::plugin).toList();
  }

  /** The plugin with {@code id}, if registered. */
  public synchronized Optional<HostPlugin> find(String id) {
    return Optional.ofNullable(plugins.get(id)).map(Registered::plugin);
  }

  /** Where plugin {@code id} came from (a class and a jar, or "registered in code"). */
  public synchronized Optional<String> source(String id) {
    return Optional.ofNullable(plugins.get(id)).map(Registered::source);
  }

  /** Where stop failures are logged and counted; a {@link PluginBinder} may share it. */
  public PluginErrors errors() {
    return errors;
  }

  /**
   * Starts every plugin in id order. When one fails, the ones already started are stopped (reverse
   * order) and the failure is thrown: it fails the host's start.
   *
   * @throws PluginException naming the plugin that failed
   */
  public synchronized void startAll(PluginContext context) {
    if (startCalled) {
      throw new IllegalStateException("plugins were already started");
    }
    startCalled = true;
    for (String id : settings.keySet()) {
      if (!plugins.containsKey(id)) {
        throw new PluginException(
            "--plugin-config names plugin '"
                + id
                + "', which this host does not have (plugins: "
                + String.join(", ", plugins.keySet())
                + ")");
      }
    }
    errors.attach(context.meterRegistry());
    for (Registered r : plugins.values()) {
      try {
        r.plugin().start(withSettings(context, settings.getOrDefault(r.plugin().id(), Map.of())));
      } catch (Exception | LinkageError e) {
        stopAll();
        throw new PluginException(
            "plugin '" + r.plugin().id() + "' (" + r.source() + ") failed to start: " + e, e);
      }
      started.add(r.plugin());
      LOG.debug("started plugin '{}' ({})", r.plugin().id(), r.source());
    }
  }

  private static PluginContext withSettings(PluginContext context, Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(values);
    return new PluginContext() {
      @Override
      public String hostId() {
        return context.hostId();
      }

      @Override
      public io.micrometer.core.instrument.MeterRegistry meterRegistry() {
        return context.meterRegistry();
      }

      @Override
      public virga.plugin.WorkloadFailureSink failureSink() {
        return context.failureSink();
      }

      @Override
      public Map<String, String> settings() {
        return copy;
      }

      @Override
      public <T> Optional<T> shared(Class<T> type) {
        return context.shared(type);
      }
    };
  }

  /**
   * Stops the started plugins in reverse id order, each bounded by its {@link
   * HostPlugin#stopTimeout()} plus one second of grace; failures and timeouts are logged and
   * counted, never thrown. Calling it again does nothing.
   */
  public void stopAll() {
    List<HostPlugin> toStop;
    synchronized (this) {
      toStop = new ArrayList<>(started);
      started.clear();
    }
    Collections.reverse(toStop);
    for (HostPlugin plugin : toStop) {
      stopOne(plugin);
    }
  }

  /** Stops the plugins, then closes the plugins directory's class loader. */
  @Override
  public void close() {
    stopAll();
    List<URLClassLoader> toClose;
    synchronized (this) {
      toClose = new ArrayList<>(loaders);
      loaders.clear();
    }
    for (URLClassLoader loader : toClose) {
      try {
        loader.close();
      } catch (IOException e) {
        LOG.warn("cannot close the plugins class loader", e);
      }
    }
  }

  private void stopOne(HostPlugin plugin) {
    // A thread per stop: a plugin that hangs must not hang the host's shutdown.
    Duration timeout = plugin.stopTimeout().plus(STOP_GRACE);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                plugin.stop();
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "virga-plugin-stop-" + plugin.id());
    thread.setDaemon(true);
    thread.start();
    try {
      thread.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
      errors.record(
          plugin.id(),
          "stop",
          "stop within " + timeout.toMillis() + " ms",
          new TimeoutException(
              "stop() still running after "
                  + plugin.stopTimeout().toMillis()
                  + " ms + 1 s of grace"));
    } else if (failure.get() != null) {
      errors.record(plugin.id(), "stop", "stop", failure.get());
    }
  }

  private void load(ServiceLoader<HostPlugin> services, ClassLoader only, String where) {
    try {
      for (ServiceLoader.Provider<HostPlugin> provider : services.stream().toList()) {
        Class<? extends HostPlugin> type = provider.type();
        // The directory's loader also sees the class path through its parent; those plugins were
        // (or will be) registered from the class path, not a second time from here.
        if (only != null && type.getClassLoader() != only) {
          continue;
        }
        String source = type.getName() + " in " + location(type, where);
        HostPlugin plugin;
        try {
          plugin = provider.get();
        } catch (ServiceConfigurationError e) {
          throw new PluginException(
              "cannot create plugin "
                  + source
                  + ": "
                  + rootMessage(e)
                  + " (it needs a public"
                  + " no-argument constructor)",
              e);
        }
        add(plugin, source);
      }
    } catch (ServiceConfigurationError e) {
      throw new PluginException(
          "cannot load the plugins of "
              + where
              + ": "
              + e.getMessage()
              + " (check META-INF/services/virga.plugin.HostPlugin)",
          e);
    }
  }

  private void add(HostPlugin plugin, String source) {
    if (startCalled) {
      throw new IllegalStateException(
          "plugin " + source + " registered after the plugins were started");
    }
    String id = plugin.id();
    if (id == null || id.isBlank()) {
      throw new PluginException("plugin " + source + " has no id: id() must return a name");
    }
    Registered previous = plugins.get(id);
    if (previous != null) {
      throw new PluginException(
          "duplicate plugin id '"
              + id
              + "' (from "
              + previous.source()
              + " and "
              + source
              + "): plugin ids must be unique");
    }
    plugins.put(id, new Registered(plugin, source));
  }

  /** Ids and sources, for logs. */
  public synchronized Map<String, String> describe() {
    Map<String, String> out = new TreeMap<>();
    plugins.forEach((id, r) -> out.put(id, r.source()));
    return out;
  }

  private static String location(Class<?> type, String fallback) {
    CodeSource cs = type.getProtectionDomain().getCodeSource();
    if (cs == null || cs.getLocation() == null) {
      return fallback;
    }
    try {
      return Path.of(cs.getLocation().toURI()).toString();
    } catch (Exception e) {
      return cs.getLocation().toString();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.toString();
  }

  private static URL toUrl(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("bad plugin jar path " + jar, e);
    }
  }
}
