package virga.wasi;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import virga.wasi.clocks.MonotonicClock;
import virga.wasi.host.ResourceTable;
import virga.wasi.io.AsyncInputSource;

/**
 * Everything WASI gives one component instance: arguments, environment, working directory, stdio as
 * Java streams, clocks, randomness, preopened directories, the network policy and limits (all
 * injectable, like Chicory's {@code WasiOptions}), plus the instance's live host resources. Build
 * one per instance with {@link #builder()}; close it when the instance is done.
 */
public final class WasiContext implements AutoCloseable {
  private final List<String> args;
  private final List<Map.Entry<String, String>> env;
  private final String cwd;
  private final InputStream stdin;
  private final OutputStream stdout;
  private final OutputStream stderr;
  private final MonotonicClock monotonicClock;
  private final Clock wallClock;
  private final Duration wallClockResolution;
  private final Random secureRandom;
  private final Random insecureRandom;
  private final long[] insecureSeed;
  private final List<Preopen> preopens;
  private final NetworkPolicy networkPolicy;
  private final NetworkPolicy.Caller caller;
  private final WasiLimits limits;
  private final ResourceTable resources;
  private AsyncInputSource stdinSource;

  private WasiContext(Builder b) {
    args = List.copyOf(b.args);
    env = b.env.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    cwd = b.cwd;
    stdin = b.stdin;
    stdout = b.stdout;
    stderr = b.stderr;
    monotonicClock = b.monotonicClock;
    wallClock = b.wallClock;
    wallClockResolution = b.wallClockResolution;
    secureRandom = b.secureRandom;
    insecureRandom = b.insecureRandom;
    insecureSeed =
        b.insecureSeed != null
            ? b.insecureSeed.clone()
            : new long[] {secureRandom.nextLong(), secureRandom.nextLong()};
    preopens = List.copyOf(b.preopens);
    networkPolicy = b.networkPolicy;
    caller = b.caller;
    limits = b.limits;
    resources = new ResourceTable(limits.maxResources());
  }

  /** A builder with no args, no env, no cwd, empty stdin, discarded output, system clocks. */
  public static Builder builder() {
    return new Builder();
  }

  /** The arguments, the program name first by convention. */
  public List<String> args() {
    return args;
  }

  /** The environment variables in insertion order. */
  public List<Map.Entry<String, String>> env() {
    return env;
  }

  /** The initial working directory, or null for none. */
  public String cwd() {
    return cwd;
  }

  /** The instance's stdin, made pollable; one source shared by every {@code get-stdin} handle. */
  public synchronized AsyncInputSource stdinSource() {
    if (stdinSource == null) {
      stdinSource = new AsyncInputSource(stdin, limits.stdinBuffer(), "virga-wasi-stdin");
    }
    return stdinSource;
  }

  /** Where the guest's stdout goes. */
  public OutputStream stdout() {
    return stdout;
  }

  /** Where the guest's stderr goes. */
  public OutputStream stderr() {
    return stderr;
  }

  /** The monotonic clock (also the time base of pollable deadlines). */
  public MonotonicClock monotonicClock() {
    return monotonicClock;
  }

  /** The wall clock. */
  public Clock wallClock() {
    return wallClock;
  }

  /** What {@code wall-clock.resolution} reports. */
  public Duration wallClockResolution() {
    return wallClockResolution;
  }

  /** The cryptographically secure source for {@code wasi:random/random}. */
  public Random secureRandom() {
    return secureRandom;
  }

  /** The source for {@code wasi:random/insecure}. */
  public Random insecureRandom() {
    return insecureRandom;
  }

  /** The fixed 128-bit value {@code insecure-seed} returns, as two longs. */
  public long[] insecureSeed() {
    return insecureSeed.clone();
  }

  /** The preopened directories, for {@code wasi:filesystem}. */
  public List<Preopen> preopens() {
    return preopens;
  }

  /** The socket policy, for {@code wasi:sockets}. */
  public NetworkPolicy networkPolicy() {
    return networkPolicy;
  }

  /** Who the instance is, as the network policy sees it (default: an anonymous component). */
  public NetworkPolicy.Caller caller() {
    return caller;
  }

  /** The limits. */
  public WasiLimits limits() {
    return limits;
  }

  /** This instance's live host resources. */
  public ResourceTable resources() {
    return resources;
  }

  /** Closes every live host resource and stops reading stdin; output streams are flushed only. */
  @Override
  public void close() {
    resources.close();
    synchronized (this) {
      if (stdinSource != null) {
        stdinSource.close();
      }
    }
    try {
      stdout.flush();
      stderr.flush();
    } catch (java.io.IOException e) {
      // best effort: the embedder owns these streams
    }
  }

  /** Builds a {@link WasiContext}; every setting has a safe default. */
  public static final class Builder {
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private String cwd;
    private InputStream stdin = InputStream.nullInputStream();
    private OutputStream stdout = OutputStream.nullOutputStream();
    private OutputStream stderr = OutputStream.nullOutputStream();
    private MonotonicClock monotonicClock = MonotonicClock.system();
    private Clock wallClock = Clock.systemUTC();
    private Duration wallClockResolution = Duration.ofNanos(1000);
    private Random secureRandom = new SecureRandom();
    private Random insecureRandom = new Random();
    private long[] insecureSeed;
    private final List<Preopen> preopens = new ArrayList<>();
    private NetworkPolicy networkPolicy = NetworkPolicy.DENY_ALL;
    private NetworkPolicy.Caller caller = NetworkPolicy.Caller.ANONYMOUS;
    private WasiLimits limits = WasiLimits.DEFAULT;

    private Builder() {}

    /** Appends arguments (the first is the program name by convention). */
    public Builder args(String... values) {
      for (String a : values) {
        args.add(Objects.requireNonNull(a, "arg"));
      }
      return this;
    }

    /** Appends arguments. */
    public Builder args(List<String> values) {
      return args(values.toArray(new String[0]));
    }

    /** Sets an environment variable. */
    public Builder env(String name, String value) {
      env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets environment variables in the map's order. */
    public Builder env(Map<String, String> vars) {
      vars.forEach(this::env);
      return this;
    }

    /** Copies the JVM's environment. */
    public Builder inheritEnv() {
      return env(System.getenv());
    }

    /** The initial working directory the guest sees (null for none). */
    public Builder cwd(String dir) {
      cwd = dir;
      return this;
    }

    /** The guest's stdin. */
    public Builder stdin(InputStream in) {
      stdin = Objects.requireNonNull(in, "stdin");
      return this;
    }

    /** The guest's stdout. */
    public Builder stdout(OutputStream out) {
      stdout = Objects.requireNonNull(out, "stdout");
      return this;
    }

    /** The guest's stderr. */
    public Builder stderr(OutputStream err) {
      stderr = Objects.requireNonNull(err, "stderr");
      return this;
    }

    /** Binds the guest's stdio to the JVM's {@code System.in/out/err}. */
    public Builder inheritStdio() {
      return stdin(System.in).stdout(System.out).stderr(System.err);
    }

    /** The monotonic clock. */
    public Builder monotonicClock(MonotonicClock clock) {
      monotonicClock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The wall clock and the resolution {@code wall-clock.resolution} reports. */
    public Builder wallClock(Clock clock, Duration resolution) {
      wallClock = Objects.requireNonNull(clock, "clock");
      wallClockResolution = Objects.requireNonNull(resolution, "resolution");
      return this;
    }

    /** The secure random source. */
    public Builder secureRandom(Random random) {
      secureRandom = Objects.requireNonNull(random, "random");
      return this;
    }

    /** The insecure random source. */
    public Builder insecureRandom(Random random) {
      insecureRandom = Objects.requireNonNull(random, "random");
      return this;
    }

    /** The value {@code insecure-seed} returns (default: drawn from the secure source). */
    public Builder insecureSeed(long high, long low) {
      insecureSeed = new long[] {high, low};
      return this;
    }

    /** Adds a preopened directory. */
    public Builder preopen(Preopen dir) {
      preopens.add(Objects.requireNonNull(dir, "dir"));
      return this;
    }

    /** The socket policy (default: deny all). */
    public Builder networkPolicy(NetworkPolicy policy) {
      networkPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Who the instance is, for the network policy (default: an anonymous component). */
    public Builder caller(NetworkPolicy.Caller value) {
      caller = Objects.requireNonNull(value, "caller");
      return this;
    }

    /** The limits. */
    public Builder limits(WasiLimits value) {
      limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /** A new context. */
    public WasiContext build() {
      return new WasiContext(this);
    }
  }
}
