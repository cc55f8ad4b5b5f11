package virga.component.core.chicory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Tells HotSpot's JIT, once per JVM, to always inline the small methods every compiled guest load,
 * store, comparison and loop poll goes through ({@link MemoryAccess}, {@link FlatMemory}'s
 * accessors, Chicory's {@code OpcodeImpl}, {@link virga.component.core.GuestInterrupts#poll()}).
 *
 * <p>Why: C2 does not inline a call whose site had not run when the caller was compiled ("call site
 * not reached"). A wasm function is one JVM method, typically compiled while its first hot loop
 * runs, so every later loop keeps a real call per load and store for the life of the code: the
 * prime sieve's counting loop ran at a third of its speed. A compiler directive ({@code inline:
 * +...}, JEP 165) lifts that rule for these methods only. It is installed through the JVM's
 * diagnostic-command MBean, so no command-line flag is needed; where that MBean is missing (a
 * runtime without {@code jdk.management}) guests run as before, only slower.
 */
final class JitDirectives {
  private static final String DIRECTIVES =
      "[{ match: \"*.*\", inline: ["
          + "\"+virga/component/core/chicory/MemoryAccess.*\", "
          + "\"+virga/component/core/chicory/FlatMemory.read*\", "
          + "\"+virga/component/core/chicory/FlatMemory.write*\", "
          + "\"+virga/component/core/chicory/FlatMemory.checkSpareRoom\", "
          + "\"+virga/component/core/GuestInterrupts.poll\", "
          + "\"+com/dylibso/chicory/runtime/OpcodeImpl.*\"] }]";

  private static final String OUTCOME = install();

  private JitDirectives() {}

  /** Installs the directives (the first call does it); what happened, for logs and tests. */
  static String ensureInstalled() {
    return OUTCOME;
  }

  private static String install() {
    Path file = null;
    try {
      file = Files.createTempFile("virga-jit-", ".json");
      Files.writeString(file, DIRECTIVES, StandardCharsets.UTF_8);
      Object out =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "compilerDirectivesAdd",
                  new Object[] {new String[] {file.toString()}},
                  new String[] {String[].class.getName()});
      return String.valueOf(out).trim();
    } catch (IOException | JMException | RuntimeException | LinkageError e) {
      System.getLogger(JitDirectives.class.getName())
          .log(
              System.Logger.Level.WARNING,
              "JIT inlining directives not installed; compiled guests run slower: " + e);
      return "not installed: " + e;
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // a temp file left behind is harmless
        }
      }
    }
  }
}
