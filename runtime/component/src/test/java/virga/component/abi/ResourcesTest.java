package virga.component.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import virga.component.TrapException;
import virga.component.core.CoreFuncType;
import virga.component.core.CoreFunction;
import virga.component.core.CoreValType;
import virga.component.types.FuncType;
import virga.component.types.ResourceType;
import virga.component.types.ValType;
import virga.component.types.ValType.Primitive;
import virga.component.values.Value;

/** Handle-table rules, resource built-ins, and handles crossing between instances. */
class ResourcesTest {
  final ResourceType file = new ResourceType("file");
  final ResourceType sock = new ResourceType("socket");
  final ComponentInstanceState a = new ComponentInstanceState("a");
  final ComponentInstanceState b = new ComponentInstanceState("b");

  static FuncType fn(ValType result, ValType... params) {
    List<FuncType.Param> ps = new ArrayList<>();
    for (int i = 0; i < params.length; i++) {
      ps.add(new FuncType.Param("p" + i, params[i]));
    }
    return new FuncType(ps, result);
  }

  @Test
  void handlesStartAtOneAndFreedIndicesAreReused() {
    HandleTable t = new HandleTable();
    assertThat(t.insertOwn(file, "x")).isEqualTo(1);
    assertThat(t.insertOwn(file, "y")).isEqualTo(2);
    assertThat(t.drop(1, file)).isEqualTo("x");
    assertThat(t.insertOwn(file, "z")).isEqualTo(1);
    assertThat(t.rep(1, file)).isEqualTo("z");
    assertThat(t.size()).isEqualTo(2);
  }

  @Test
  void invalidAndWrongTypeHandlesTrap() {
    HandleTable t = new HandleTable();
    int h = t.insertOwn(file, "x");
    assertThatThrownBy(() -> t.rep(0, file)).isInstanceOf(TrapException.class);
    assertThatThrownBy(() -> t.rep(99, file)).isInstanceOf(TrapException.class);
    assertThatThrownBy(() -> t.rep(-1, file)).isInstanceOf(TrapException.class);
    assertThatThrownBy(() -> t.rep(h, sock))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("not a socket");
  }

  @Test
  void lentOwnCannotBeDroppedOrMovedUntilTheCallEnds() {
    HandleTable t = new HandleTable();
    int h = t.insertOwn(file, "x");
    CallScope call = new CallScope();
    assertThat(t.lend(h, file, call)).isEqualTo("x");
    assertThatThrownBy(() -> t.drop(h, file))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("lent");
    assertThatThrownBy(() -> t.removeOwn(h, file)).isInstanceOf(TrapException.class);
    call.releaseLenders();
    assertThat(t.removeOwn(h, file)).isEqualTo("x");
  }

  @Test
  void borrowHandlesCountAgainstTheirCallUntilDropped() {
    HandleTable t = new HandleTable();
    CallScope call = new CallScope();
    int h = t.insertBorrow(file, "x", call);
    assertThatThrownBy(call::finishCallee)
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("borrow");
    assertThatThrownBy(() -> t.removeOwn(h, file))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("borrow");
    assertThat(t.drop(h, file)).isNull();
    call.finishCallee();
    assertThat(call.borrowCount()).isZero();
  }

  @Test
  void resourceBuiltinsCreateReadAndDestroyGuestResources() {
    List<Long> destroyed = new ArrayList<>();
    CoreFunction dtor =
        CoreFunction.host(
            new CoreFuncType(List.of(CoreValType.I32), List.of()),
            args -> {
              destroyed.add(args[0]);
              return new long[0];
            });
    ResourceImpl impl = ResourceImpl.guest(file, a, dtor);
    CoreFunction create = ResourceBuiltins.resourceNew(a, file);
    CoreFunction rep = ResourceBuiltins.resourceRep(a, file);
    CoreFunction drop = ResourceBuiltins.resourceDrop(a, file, impl);
    long h = create.call(0xBEEF)[0];
    assertThat(h).isEqualTo(1);
    assertThat(rep.call(h)).containsExactly(0xBEEF);
    drop.call(h);
    assertThat(destroyed).containsExactly(0xBEEFL);
    assertThatThrownBy(() -> drop.call(h)).isInstanceOf(TrapException.class);
  }

  @Test
  void ownHandleMovesFromOneInstanceToAnother() {
    int h = a.handles().insertOwn(file, 7);
    // b's export take(own<file>) -> u32 returns the handle index it was given
    FuncType take = fn(Primitive.U32, new ValType.OwnType(file));
    int[] seenInB = new int[1];
    LiftedFunction bTake =
        new LiftedFunction(
            take,
            CanonOptions.none(),
            CoreFunction.host(
                Flattening.flattenFunc(take, Flattening.Context.LIFT),
                args -> {
                  seenInB[0] = (int) args[0];
                  assertThat(b.handles().rep((int) args[0], file)).isEqualTo(7);
                  return new long[] {args[0]};
                }),
            b);
    // a imports give(own<file>) -> u32, wired to b's export
    LoweredFunction aGive = new LoweredFunction(take, CanonOptions.none(), bTake::call, a);
    long[] r = aGive.call(h);
    assertThat(r).containsExactly(seenInB[0]);
    assertThat(a.handles().size()).isZero();
    assertThat(b.handles().size()).isEqualTo(1);
    assertThat(b.handles().isOwn(seenInB[0])).isTrue();
  }

  @Test
  void borrowIsLentToTheHostForTheCallOnly() {
    int h = a.handles().insertOwn(sock, "conn");
    FuncType peek = fn(Primitive.BOOL, new ValType.BorrowType(sock));
    LoweredFunction imp =
        new LoweredFunction(
            peek,
            CanonOptions.none(),
            args -> {
              assertThat(args.get(0)).isEqualTo(Value.borrow(sock, "conn"));
              assertThatThrownBy(() -> a.handles().drop(h, sock)).isInstanceOf(TrapException.class);
              return Value.bool(true);
            },
            a);
    assertThat(imp.call(h)).containsExactly(1);
    assertThat(a.handles().drop(h, sock)).isEqualTo("conn");
  }

  @Test
  void calleeMustDropBorrowsBeforeReturning() {
    FuncType use = fn(null, new ValType.BorrowType(sock));
    CoreFuncType ct = Flattening.flattenFunc(use, Flattening.Context.LIFT);
    LiftedFunction keeps =
        new LiftedFunction(use, CanonOptions.none(), CoreFunction.host(ct, x -> new long[0]), b);
    assertThatThrownBy(() -> keeps.call(Value.borrow(sock, "conn")))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("still holding 1 borrowed");

    ComponentInstanceState c = new ComponentInstanceState("c");
    CoreFunction drop = ResourceBuiltins.resourceDrop(c, sock, ResourceImpl.host(sock, null));
    LiftedFunction drops =
        new LiftedFunction(
            use, CanonOptions.none(), CoreFunction.host(ct, x -> drop.call(x[0])), c);
    assertThat(drops.call(Value.borrow(sock, "conn"))).isNull();
    assertThat(c.handles().size()).isZero();
  }

  @Test
  void borrowIntoTheDefiningInstanceIsTheBareRep() {
    ResourceImpl.guest(file, b, null);
    FuncType m = fn(Primitive.U32, new ValType.BorrowType(file));
    LiftedFunction f =
        new LiftedFunction(
            m,
            CanonOptions.none(),
            CoreFunction.host(Flattening.flattenFunc(m, Flattening.Context.LIFT), x -> x),
            b);
    assertThat(f.call(Value.borrow(file, 42))).isEqualTo(Value.u32(42));
    assertThat(b.handles().size()).isZero();
  }

  @Test
  void hostResourceReturnedToAGuestIsDestroyedByTheHostCallbackOnDrop() {
    List<Object> closed = new ArrayList<>();
    ResourceImpl impl = ResourceImpl.host(sock, closed::add);
    FuncType open = fn(new ValType.OwnType(sock));
    Object conn = new Object();
    LoweredFunction imp =
        new LoweredFunction(open, CanonOptions.none(), x -> Value.own(sock, conn), a);
    long h = imp.call()[0];
    ResourceBuiltins.resourceDrop(a, sock, impl).call(h);
    assertThat(closed).containsExactly(conn);
    assertThatThrownBy(() -> ResourceBuiltins.resourceRep(a, sock).call(h))
        .isInstanceOf(TrapException.class);
  }
}
