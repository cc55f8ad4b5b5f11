package virga.bench.host;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import virga.component.Component;
import virga.component.Engine;
import virga.component.Linker;
import virga.wasi.NetworkPolicy;
import virga.wasi.Wasi;
import virga.wasi.WasiContext;
import virga.wasi.WasiPackage;

/**
 * What a fresh instance per HTTP request costs before the guest runs, step by step, for {@code
 * guests/wasm/wasi-http-hello.wasm} compiled once (sampled, so the JSON carries the median):
 *
 * <ul>
 *   <li>{@code wasi-context}: build (and close) the request's {@link WasiContext}, as {@code host
 *       serve} does (shared random sources, no preopens);
 *   <li>{@code link-wasi}: a fresh {@link Linker} with the WASI packages the component imports
 *       (plus {@code wasi:io} and {@code wasi:http}) registered for one context;
 *   <li>{@code instantiate}: {@link Linker#instantiate} on a linker linked once;
 *   <li>{@code per-request}: all three, what {@link virga.wasi.http.IncomingHandlerRunner} does per
 *       request today (its {@code --stats} "instantiate" figure, measured here in isolation).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestInstantiateBench {
  @Param({"wasi-context", "link-wasi", "instantiate", "per-request"})
  public String step;

  private final Random secure = new SecureRandom();
  private final Random insecure = new Random();
  private Component component;
  private List<WasiPackage> packages;
  private WasiContext context;
  private Linker linked;

  @Setup
  public void setup() {
    component = Engine.create().compile(HostGuests.bytes(HostGuests.HTTP_HELLO));
    packages = packagesFor(component);
    context = context();
    linked = new Linker();
    Wasi.addToLinker(linked, context, packages);
    if (run() == null) {
      throw new IllegalStateException(step + " returned nothing");
    }
  }

  @TearDown
  public void tearDown() {
    context.close();
  }

  @Benchmark
  public Object run() {
    switch (step) {
      case "wasi-context":
        {
          WasiContext ctx = context();
          ctx.close();
          return ctx;
        }
      case "link-wasi":
        {
          Linker linker = new Linker();
          Wasi.addToLinker(linker, context, packages);
          return linker;
        }
      case "instantiate":
        return linked.instantiate(component);
      case "per-request":
        try (WasiContext ctx = context()) {
          Linker linker = new Linker();
          Wasi.addToLinker(linker, ctx, packages);
          return linker.instantiate(component);
        }
      default:
        throw new IllegalArgumentException(step);
    }
  }

  private WasiContext context() {
    return WasiContext.builder()
        .secureRandom(secure)
        .insecureRandom(insecure)
        .networkPolicy(NetworkPolicy.DENY_ALL)
        .build();
  }

  /** The packages whose namespace the component imports, plus wasi:io and wasi:http (handler). */
  static List<WasiPackage> packagesFor(Component component) {
    List<WasiPackage> out = new ArrayList<>();
    for (WasiPackage p : Wasi.packages()) {
      boolean used = p.id().equals("wasi:io") || p.id().equals("wasi:http");
      for (String imp : component.imports().keySet()) {
        used |= imp.startsWith(p.id() + "/");
      }
      if (used) {
        out.add(p);
      }
    }
    return out;
  }
}
