package virga.component.binary;

import java.util.Objects;

/** A canonical definition: the functions the canonical ABI synthesizes. */
public sealed interface Canon {
  /** The index space the defined function lands in. */
  Sort sort();

  /** {@code canon lift}: core function → component function of type {@code type}. */
  record Lift(int coreFunc, CanonOptions options, int type) implements Canon {
    public Lift {
      Objects.requireNonNull(options, "options");
    }

    @Override
    public Sort sort() {
      return Sort.FUNC;
    }
  }

  /** {@code canon lower}: component function → core function. */
  record Lower(int func, CanonOptions options) implements Canon {
    public Lower {
      Objects.requireNonNull(options, "options");
    }

    @Override
    public Sort sort() {
      return Sort.CORE_FUNC;
    }
  }

  /** {@code canon resource.new}: {@code (func (param i32 rep) (result i32 handle))}. */
  record ResourceNew(int type) implements Canon {
    @Override
    public Sort sort() {
      return Sort.CORE_FUNC;
    }
  }

  /** {@code canon resource.drop}: {@code (func (param i32 handle))}. */
  record ResourceDrop(int type) implements Canon {
    @Override
    public Sort sort() {
      return Sort.CORE_FUNC;
    }
  }

  /** {@code canon resource.rep}: {@code (func (param i32 handle) (result i32 rep))}. */
  record ResourceRep(int type) implements Canon {
    @Override
    public Sort sort() {
      return Sort.CORE_FUNC;
    }
  }

  static Canon read(ByteReader in) {
    int at = in.position();
    int b = in.u8();
    switch (b) {
      case 0x00:
        in.expect(0x00, "canon lift sort (core func)");
        int coreFunc = in.index();
        CanonOptions liftOpts = CanonOptions.read(in);
        return new Lift(coreFunc, liftOpts, in.index());
      case 0x01:
        in.expect(0x00, "canon lower sort (func)");
        int func = in.index();
        return new Lower(func, CanonOptions.read(in));
      case 0x02:
        return new ResourceNew(in.index());
      case 0x03:
        return new ResourceDrop(in.index());
      case 0x04:
        return new ResourceRep(in.index());
      default:
        String name = asyncBuiltin(b);
        if (name == null) {
          throw in.error(String.format("unknown canonical function opcode 0x%02x", b), at);
        }
        throw TypeReader.async(name, at, in);
    }
  }

  /** The builtin behind each async/threads canon opcode (Binary.md), or null for none. */
  private static String asyncBuiltin(int opcode) {
    return switch (opcode) {
      case 0x05 -> "task.cancel";
      case 0x06 -> "subtask.cancel";
      case 0x07 -> "resource.drop async";
      case 0x08 -> "backpressure.set";
      case 0x09 -> "task.return";
      case 0x0a -> "context.get";
      case 0x0b -> "context.set";
      case 0x0c -> "yield";
      case 0x0d -> "subtask.drop";
      case 0x0e -> "stream.new";
      case 0x0f -> "stream.read";
      case 0x10 -> "stream.write";
      case 0x11 -> "stream.cancel-read";
      case 0x12 -> "stream.cancel-write";
      case 0x13 -> "stream.drop-readable";
      case 0x14 -> "stream.drop-writable";
      case 0x15 -> "future.new";
      case 0x16 -> "future.read";
      case 0x17 -> "future.write";
      case 0x18 -> "future.cancel-read";
      case 0x19 -> "future.cancel-write";
      case 0x1a -> "future.drop-readable";
      case 0x1b -> "future.drop-writable";
      case 0x1c -> "error-context.new";
      case 0x1d -> "error-context.debug-message";
      case 0x1e -> "error-context.drop";
      case 0x1f -> "waitable-set.new";
      case 0x20 -> "waitable-set.wait";
      case 0x21 -> "waitable-set.poll";
      case 0x22 -> "waitable-set.drop";
      case 0x23 -> "waitable.join";
      case 0x24 -> "backpressure.inc";
      case 0x25 -> "backpressure.dec";
      case 0x26 -> "thread.index";
      case 0x27 -> "thread.new-indirect";
      case 0x28 -> "thread.switch-to";
      case 0x29 -> "thread.suspend";
      case 0x2a -> "thread.resume-later";
      case 0x2b -> "thread.yield-to";
      case 0x40 -> "thread.spawn-ref";
      case 0x41 -> "thread.spawn-indirect";
      case 0x42 -> "thread.available-parallelism";
      default -> null;
    };
  }
}
