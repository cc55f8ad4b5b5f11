package virga.plugins.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The host's connection pools: one HikariCP pool per database URL, shared by every workload item
 * bound to it and closed when the last one unbinds. Pool metrics go to the host's registry
 * (HikariCP's {@code hikaricp.*} meters, tagged with the pool name, which has no credentials).
 */
final class Pools implements AutoCloseable {
  /** pgjdbc's read timeout unless the URL sets one: longer than any sane single statement. */
  static final int SOCKET_TIMEOUT_SECONDS = 300;

  private final MeterRegistry registry;
  private final Duration connectionTimeout;
  private final Map<String, Entry> pools = new HashMap<>();

  private static final class Entry {
    final HikariDataSource dataSource;
    int users;

    Entry(HikariDataSource dataSource) {
      this.dataSource = dataSource;
    }
  }

  Pools(MeterRegistry registry, Duration connectionTimeout) {
    this.registry = registry;
    this.connectionTimeout = connectionTimeout;
  }

  /** The pool of {@code url}, made on first use; each call must be matched by {@link #release}. */
  synchronized HikariDataSource acquire(DatabaseUrl url) {
    Entry e = pools.get(url.jdbcUrl());
    if (e == null) {
      e = new Entry(create(url));
      pools.put(url.jdbcUrl(), e);
    }
    e.users++;
    return e.dataSource;
  }

  /** One user of {@code url}'s pool is gone; the last one closes it. */
  synchronized void release(DatabaseUrl url) {
    Entry e = pools.get(url.jdbcUrl());
    if (e != null && --e.users <= 0) {
      pools.remove(url.jdbcUrl());
      e.dataSource.close();
    }
  }

  /** How many pools are open. */
  synchronized int size() {
    return pools.size();
  }

  /** The pools' names (host:port/database), sorted. */
  synchronized Set<String> names() {
    Set<String> out = new TreeSet<>();
    pools.values().forEach(e -> out.add(e.dataSource.getPoolName()));
    return out;
  }

  private HikariDataSource create(DatabaseUrl url) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url.jdbcUrl());
    c.setPoolName("wasmcloud-postgres " + url.displayName());
    c.setMaximumPoolSize(url.poolSize());
    // connections open on demand: a bound workload that never queries costs nothing
    c.setMinimumIdle(0);
    // a database that is down fails the call after this long, never hangs it
    c.setConnectionTimeout(connectionTimeout.toMillis());
    c.setValidationTimeout(Math.min(connectionTimeout.toMillis(), 5000));
    // binding never waits for or fails on the database: errors come back from the calls
    c.setInitializationFailTimeout(-1);
    c.addDataSourceProperty("connectTimeout", Math.max(1, connectionTimeout.toSeconds()));
    // a server that stops answering mid-call (not one that closes the connection) fails the call
    // instead of holding the guest forever; the URL may set its own socketTimeout
    if (!url.jdbcUrl().contains("socketTimeout=")) {
      c.addDataSourceProperty("socketTimeout", SOCKET_TIMEOUT_SECONDS);
    }
    c.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    return new HikariDataSource(c);
  }

  @Override
  public synchronized void close() {
    pools.values().forEach(e -> e.dataSource.close());
    pools.clear();
  }
}
