package virga.component.core.chicory;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.compiler.internal.ClassLoadingCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.compiler.internal.MachineFactory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Compiles a core module to JVM classes with Chicory's compiler, rewriting the classes before they
 * are loaded ({@link GeneratedClassRewriter}), and reads and writes them in the jar layout
 * Chicory's own cache uses, so that a cached module loads through Chicory's loader unchanged.
 *
 * <p>Why Chicory's internal {@code Compiler} and not {@code MachineFactoryCompiler}: the latter
 * loads the classes it generates before anyone can see them; the internal one takes a class
 * collector, and ours rewrites each class on its way in.
 */
final class ModuleCompiler {
  /** Names the rewrite in the disk cache's directory: entries from before it are not reused. */
  static final String REWRITE_VERSION = "rewrite2";

  static {
    JitDirectives.ensureInstalled(); // before any compiled guest code runs
  }

  private ModuleCompiler() {}

  /** A freshly compiled module: its machine factory, and its classes to cache. */
  static final class Compiled {
    private final Function<Instance, Machine> factory;
    private final ClassLoadingCollector classes;

    private Compiled(Function<Instance, Machine> factory, ClassLoadingCollector classes) {
      this.factory = factory;
      this.classes = classes;
    }

    Function<Instance, Machine> factory() {
      return factory;
    }

    /** The classes as a jar for {@link #load}; built on demand, only a disk cache needs it. */
    byte[] jar() {
      return ModuleCompiler.jar(classes.mainClassName(), classes.classBytes());
    }
  }

  /** Compiles {@code module} into classes named {@code className}*, rewritten. */
  static Compiled compile(WasmModule module, String className) {
    ClassLoadingCollector collector =
        (ClassLoadingCollector)
            Compiler.builder(module)
                .withClassName(className)
                .withInterpreterFallback(InterpreterFallback.SILENT)
                .withClassCollectorFactory(RewritingCollector::new)
                .build()
                .compile()
                .collector();
    return new Compiled(new MachineFactory(module, collector.machineFactory()), collector);
  }

  /** Loads a module's classes from a jar {@link #compile} made (through Chicory's cache path). */
  static Function<Instance, Machine> load(WasmModule module, String className, byte[] jar) {
    return MachineFactoryCompiler.builder(module)
        .withClassName(className)
        .withInterpreterFallback(InterpreterFallback.SILENT)
        .withCache(
            new com.dylibso.chicory.compiler.Cache() {
              @Override
              public byte[] get(String key) {
                return jar;
              }

              @Override
              public void putIfAbsent(String key, byte[] bytes) {
                // never called: get always hits
              }
            })
        .compile();
  }

  /** Chicory's cache layout: {@code wasm-module.properties} naming the main class, then classes. */
  private static byte[] jar(String mainClass, Map<String, byte[]> classes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(out)) {
      Properties props = new Properties();
      props.put("mainClass", mainClass);
      ByteArrayOutputStream p = new ByteArrayOutputStream();
      props.store(p, "");
      jar.putNextEntry(new JarEntry("wasm-module.properties"));
      jar.write(p.toByteArray());
      jar.closeEntry();
      for (Map.Entry<String, byte[]> c : classes.entrySet()) {
        jar.putNextEntry(new JarEntry(c.getKey().replace('.', '/') + ".class"));
        jar.write(c.getValue());
        jar.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing compiled classes to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  /**
   * Chicory's class-loading collector, handed each generated class after {@link
   * GeneratedClassRewriter}.
   */
  static final class RewritingCollector extends ClassLoadingCollector {
    @Override
    public void putMainClass(String name, byte[] bytes) {
      super.putMainClass(name, GeneratedClassRewriter.rewrite(bytes));
    }

    @Override
    public void put(String name, byte[] bytes) {
      super.put(name, GeneratedClassRewriter.rewrite(bytes));
    }
  }
}
