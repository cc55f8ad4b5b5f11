package virga.component.core.chicory;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import virga.component.core.GuestInterrupts;

/**
 * Rewrites the classes Chicory's compiler generates, before they are loaded, in two ways that keep
 * every instruction's meaning and make the JIT's code faster:
 *
 * <ul>
 *   <li>loop back-edges poll {@link GuestInterrupts#poll()} instead of Chicory's own interrupt
 *       check;
 *   <li>loads and stores call {@link MemoryAccess} instead of the helpers Chicory copies into each
 *       module, which reach the memory only through its interface.
 * </ul>
 *
 * <p>Chicory 1.7.5 emits {@code invokestatic <Machine>Shaded.checkInterruption()V} before every
 * backward {@code goto} (the end of a wasm loop) and before calls. That check reads the thread's
 * volatile interrupt flag, and a volatile read in a loop keeps the JIT from hoisting the memory's
 * array and size out of it: 20–35 % of the compute benchmarks' time. Only the back-edge checks (the
 * call immediately followed by {@code goto}) are replaced; the checks before calls stay, so a plain
 * {@code Thread.interrupt()} is still seen at the guest's next call.
 */
final class GeneratedClassRewriter {
  private static final String CHECK = "checkInterruption";
  private static final String POLL_OWNER = GuestInterrupts.class.getName().replace('.', '/');
  private static final String ACCESS_OWNER = MemoryAccess.class.getName().replace('.', '/');
  private static final String MEMORY = "Lcom/dylibso/chicory/runtime/Memory;";
  private static final Set<String> ACCESSES = accesses();

  private GeneratedClassRewriter() {}

  /** Name and descriptor of every helper {@link MemoryAccess} replaces. */
  private static Set<String> accesses() {
    Set<String> out = new HashSet<>();
    for (String[] t :
        new String[][] {
          {"Byte", "B"},
          {"Short", "S"},
          {"Int", "I"},
          {"Long", "J"},
          {"Float", "F"},
          {"Double", "D"}
        }) {
      out.add("memoryRead" + t[0] + "(II" + MEMORY + ")" + t[1]);
      out.add("memoryWrite" + t[0] + "(I" + t[1] + "I" + MEMORY + ")V");
    }
    return out;
  }

  /** The class rewritten; the same bytes when there was nothing to rewrite. */
  static byte[] rewrite(byte[] classBytes) {
    ClassReader reader = new ClassReader(classBytes);
    // the call is swapped for one of the same shape: stack maps and max stack stay valid
    ClassWriter writer = new ClassWriter(reader, 0);
    int[] replaced = {0};
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String desc, String signature, String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
            return new BackEdgeRewriter(mv, replaced);
          }
        },
        0);
    return replaced[0] == 0 ? classBytes : writer.toByteArray();
  }

  private static boolean isCheck(int opcode, String owner, String name, String desc) {
    return opcode == Opcodes.INVOKESTATIC
        && name.equals(CHECK)
        && desc.equals("()V")
        && owner.endsWith("Shaded");
  }

  /** Holds back a check until the next instruction shows whether it guards a back-edge. */
  private static final class BackEdgeRewriter extends MethodVisitor {
    private final int[] replaced;
    private String heldOwner; // a check not yet written, or null

    BackEdgeRewriter(MethodVisitor mv, int[] replaced) {
      super(Opcodes.ASM9, mv);
      this.replaced = replaced;
    }

    private void flush() {
      if (heldOwner != null) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, heldOwner, CHECK, "()V", false);
        heldOwner = null;
      }
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String desc, boolean isInterface) {
      flush();
      if (isCheck(opcode, owner, name, desc)) {
        heldOwner = owner;
        return;
      }
      if (opcode == Opcodes.INVOKESTATIC
          && owner.endsWith("Shaded")
          && ACCESSES.contains(name + desc)) {
        super.visitMethodInsn(opcode, ACCESS_OWNER, name, desc, false);
        replaced[0]++;
        return;
      }
      super.visitMethodInsn(opcode, owner, name, desc, isInterface);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
      if (heldOwner != null && opcode == Opcodes.GOTO) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, POLL_OWNER, "poll", "()V", false);
        heldOwner = null;
        replaced[0]++;
      }
      flush();
      super.visitJumpInsn(opcode, label);
    }

    // every other instruction or marker ends the pattern: the check stays as Chicory wrote it

    @Override
    public void visitInsn(int opcode) {
      flush();
      super.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
      flush();
      super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
      flush();
      super.visitVarInsn(opcode, var);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      flush();
      super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String desc) {
      flush();
      super.visitFieldInsn(opcode, owner, name, desc);
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String desc, org.objectweb.asm.Handle bsm, Object... bsmArgs) {
      flush();
      super.visitInvokeDynamicInsn(name, desc, bsm, bsmArgs);
    }

    @Override
    public void visitLabel(Label label) {
      flush();
      super.visitLabel(label);
    }

    @Override
    public void visitLdcInsn(Object value) {
      flush();
      super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int var, int increment) {
      flush();
      super.visitIincInsn(var, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
      flush();
      super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
      flush();
      super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String desc, int dims) {
      flush();
      super.visitMultiANewArrayInsn(desc, dims);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
      flush();
      super.visitFrame(type, numLocal, local, numStack, stack);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
      flush();
      super.visitLineNumber(line, start);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      flush();
      super.visitMaxs(maxStack, maxLocals);
    }

    @Override
    public void visitEnd() {
      flush();
      super.visitEnd();
    }
  }
}
