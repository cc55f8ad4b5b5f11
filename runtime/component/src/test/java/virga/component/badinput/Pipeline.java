package virga.component.badinput;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import virga.component.ComponentException;
import virga.component.Engine;
import virga.component.LinkException;
import virga.component.Linker;
import virga.component.MalformedComponentException;
import virga.component.TrapException;
import virga.component.binary.ComponentAst;
import virga.component.binary.ComponentParser;
import virga.component.binary.Definition;
import virga.component.core.InstanceLimits;
import virga.component.core.chicory.ChicoryEngine;
import virga.component.testing.ScalarAbi;

/** Compile with the Chicory engine, then instantiate with an empty linker, under tight limits. */
final class Pipeline {
  /** 64 MiB of linear memory and one second per guest call (start functions included). */
  static final InstanceLimits LIMITS = new InstanceLimits(64L << 20, Duration.ofSeconds(1));

  /** What compiling and instantiating may document as a rejection. */
  static final List<Class<? extends Throwable>> DOCUMENTED =
      List.of(MalformedComponentException.class, LinkException.class, TrapException.class);

  private Pipeline() {}

  /** The real engine when a canonical ABI is registered, else Chicory with the scalar test ABI. */
  static Engine engine() {
    try {
      return Engine.create();
    } catch (ComponentException noAbiYet) {
      return new Engine(new ChicoryEngine(), new ScalarAbi());
    }
  }

  /** A fuzz target running the whole pipeline on one engine (its module cache is shared). */
  static FuzzRunner.Target target(Engine engine) {
    return new FuzzRunner.Target(
        "compile+instantiate",
        bytes -> new Linker().instantiate(engine.compile(bytes), LIMITS),
        DOCUMENTED);
  }

  /**
   * Like {@link #target}, but only for mutants whose core modules are all unchanged seed modules:
   * this fuzzes the component layer (types, aliases, instantiation) rather than the core engine.
   * Other mutants count in {@code skipped}.
   */
  static FuzzRunner.Target componentLayerTarget(
      Engine engine, List<Seeds.Seed> seeds, AtomicInteger skipped) {
    Set<ByteBuffer> known = new HashSet<>();
    seeds.forEach(s -> coreModules(ComponentParser.parse(s.bytes()), known));
    return new FuzzRunner.Target(
        "compile+instantiate (seed core modules)",
        bytes -> {
          Set<ByteBuffer> modules = new HashSet<>();
          coreModules(ComponentParser.parse(bytes), modules);
          if (!known.containsAll(modules)) {
            skipped.incrementAndGet();
            return;
          }
          new Linker().instantiate(engine.compile(bytes), LIMITS);
        },
        DOCUMENTED);
  }

  private static void coreModules(ComponentAst ast, Set<ByteBuffer> out) {
    for (Definition d : ast.definitions()) {
      if (d instanceof Definition.CoreModule m) {
        out.add(ByteBuffer.wrap(m.bytes()));
      } else if (d instanceof Definition.NestedComponent n) {
        coreModules(n.component(), out);
      }
    }
  }
}
