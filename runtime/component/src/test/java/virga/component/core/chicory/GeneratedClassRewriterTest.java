package virga.component.core.chicory;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.Parser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class GeneratedClassRewriterTest {

  /** Every static call in the compiled classes, as owner-simple-name.method. */
  private static List<String> calls(byte[] jar) throws IOException {
    List<String> out = new ArrayList<>();
    try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
      for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
        if (!e.getName().endsWith(".class")) {
          continue;
        }
        new ClassReader(in.readAllBytes())
            .accept(
                new ClassVisitor(Opcodes.ASM9) {
                  @Override
                  public MethodVisitor visitMethod(
                      int a, String n, String d, String s, String[] x) {
                    return new MethodVisitor(Opcodes.ASM9) {
                      @Override
                      public void visitMethodInsn(
                          int op, String owner, String name, String desc, boolean itf) {
                        out.add(owner.substring(owner.lastIndexOf('/') + 1) + "." + name);
                      }
                    };
                  }
                },
                0);
      }
    }
    return out;
  }

  @Test
  void loopBackEdgesPollAndCallsKeepChicorysInterruptCheck() throws IOException {
    var module = Parser.parse(TestModules.load("basics"));
    byte[] jar = ModuleCompiler.compile(module, "test.basics.Machine").jar();
    List<String> calls = calls(jar);
    // basics has three loops ($loop_host, $spin, $spin_host) and calls Chicory checks before
    assertThat(calls).filteredOn("GuestInterrupts.poll"::equals).hasSize(3);
    assertThat(calls).filteredOn(c -> c.endsWith("Shaded.checkInterruption")).isNotEmpty();
  }

  @Test
  void loadsAndStoresCallMemoryAccessAndNoLongerChicorysHelpers() throws IOException {
    var module = Parser.parse(TestModules.load("basics"));
    List<String> calls = calls(ModuleCompiler.compile(module, "test.mem.Machine").jar());
    assertThat(calls).anyMatch(c -> c.startsWith("MemoryAccess.memoryRead"));
    assertThat(calls).anyMatch(c -> c.startsWith("MemoryAccess.memoryWrite"));
    assertThat(calls)
        .noneMatch(
            c -> c.matches(".*Shaded\\.memory(Read|Write)(Byte|Short|Int|Long|Float|Double)"));
  }

  @Test
  void aClassWithoutBackEdgeChecksIsLeftByteForByte() throws IOException {
    byte[] own =
        GeneratedClassRewriterTest.class
            .getResourceAsStream("GeneratedClassRewriterTest.class")
            .readAllBytes();
    assertThat(GeneratedClassRewriter.rewrite(own)).isSameAs(own);
  }
}
