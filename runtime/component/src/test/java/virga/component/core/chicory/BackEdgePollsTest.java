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

class BackEdgePollsTest {

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
  void aClassWithoutBackEdgeChecksIsLeftByteForByte() throws IOException {
    byte[] own =
        BackEdgePollsTest.class.getResourceAsStream("BackEdgePollsTest.class").readAllBytes();
    assertThat(BackEdgePolls.rewrite(own)).isSameAs(own);
  }
}
