package virga.plugin.bind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static virga.plugin.bind.Fixture.call;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import virga.component.Linker;
import virga.component.TrapException;
import virga.component.runtime.ExternType;
import virga.component.runtime.Item;
import virga.component.values.Value;
import virga.plugin.Result;
import virga.plugin.bind.Fixture.Color;
import virga.plugin.bind.Fixture.Error;
import virga.plugin.bind.Fixture.Perm;
import virga.plugin.bind.Fixture.Person;
import virga.plugin.bind.Fixture.Point;
import virga.plugin.bind.Fixture.Shape;

/** Every WIT type kind through typed bindings, guest to Java and back. */
class TypedBindingsTest {
  private final Fixture.Kinds kinds = new Fixture.Kinds();
  private final Item.Instance instance;

  TypedBindingsTest() {
    TypedBindings b = new TypedBindings(List.of(Fixture.WIT), List.of());
    b.implement("test:bind/kinds@1.0.0", kinds);
    instance = b.instance("test:bind/kinds", new ResourceScope());
  }

  /** Calls echo function {@code func} with {@code v}: the result is {@code v} again. */
  private Object echo(String func, Value v) {
    assertThat(call(instance, func, v)).isEqualTo(v);
    return kinds.seen.get(kinds.seen.size() - 1);
  }

  @Test
  void scalars() {
    assertThat(echo("echo-bool", Value.bool(true))).isEqualTo(true);
    assertThat(echo("echo-bool", Value.bool(false))).isEqualTo(false);
    assertThat(echo("echo-s8", Value.s8(-128))).isEqualTo((byte) -128);
    assertThat(echo("echo-u8", Value.u8(255))).isEqualTo(255);
    assertThat(echo("echo-s16", Value.s16(-32768))).isEqualTo(-32768);
    assertThat(echo("echo-u16", Value.u16(65535))).isEqualTo(65535);
    assertThat(echo("echo-s32", Value.s32(Integer.MIN_VALUE))).isEqualTo(Integer.MIN_VALUE);
    assertThat(echo("echo-u32", Value.u32(4294967295L))).isEqualTo(4294967295L);
    assertThat(echo("echo-s64", Value.s64(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
    // 2^64 - 1: the long's bits, unsigned
    assertThat(echo("echo-u64", Value.u64(-1L))).isEqualTo(-1L);
    assertThat(echo("echo-f32", Value.f32(3.5f))).isEqualTo(3.5f);
    assertThat(echo("echo-f64", Value.f64(-2.25))).isEqualTo(-2.25);
    assertThat(echo("echo-char", Value.character(0x1F389))).isEqualTo(0x1F389);
    assertThat(echo("echo-string", Value.string("Hello, Wörld"))).isEqualTo("Hello, Wörld");
  }

  @Test
  void lists() {
    assertThat(echo("echo-bytes", Value.list(Value.u8(0), Value.u8(127), Value.u8(128))))
        .isEqualTo(new byte[] {0, 127, (byte) 128});
    assertThat(echo("echo-bytes", Value.list())).isEqualTo(new byte[0]);
    assertThat(echo("echo-strings", Value.list(Value.string("a"), Value.string(""))))
        .isEqualTo(List.of("a", ""));
    assertThat(echo("echo-points", Value.list(point(1, -1), point(2, 3))))
        .isEqualTo(List.of(new Point(1, -1), new Point(2, 3)));
  }

  @Test
  void records() {
    Value ada =
        Value.record(
            Value.field("name", Value.string("Ada")),
            Value.field("age", Value.u8(36)),
            Value.field("tags", Value.list(Value.string("math"))),
            Value.field("home", Value.some(point(3, 4))));
    assertThat(echo("echo-person", ada))
        .isEqualTo(new Person("Ada", 36, List.of("math"), Optional.of(new Point(3, 4))));
    Value nobody =
        Value.record(
            Value.field("name", Value.string("")),
            Value.field("age", Value.u8(0)),
            Value.field("tags", Value.list()),
            Value.field("home", Value.none()));
    assertThat(echo("echo-person", nobody))
        .isEqualTo(new Person("", 0, List.of(), Optional.empty()));
  }

  @Test
  void tuples() {
    assertThat(echo("echo-pair", Value.tuple(Value.string("k"), Value.u32(7))))
        .isEqualTo(Map.entry("k", 7L));
    Object triple =
        echo(
            "echo-triple",
            Value.tuple(Value.u8(7), Value.string("seven"), Value.list(Value.u8(1))));
    assertThat(triple).asList().hasSize(3).startsWith(7, "seven");
    assertThat((byte[]) ((List<?>) triple).get(2)).containsExactly(1);
  }

  @Test
  void variantsEnumsAndFlags() {
    assertThat(echo("echo-shape", Value.variant("circle", Value.f64(1.5))))
        .isEqualTo(new Shape.Circle(1.5));
    assertThat(echo("echo-shape", new Value.VariantValue("rect", 1, point(-5, 6))))
        .isEqualTo(new Shape.Rect(new Point(-5, 6)));
    assertThat(echo("echo-shape", Value.variant("dot"))).isEqualTo(new Shape.Dot());
    assertThat(echo("echo-color", Value.enumCase("dark-blue"))).isEqualTo(Color.DARK_BLUE);
    assertThat(echo("echo-color", new Value.EnumValue("red", 0))).isEqualTo(Color.RED);
    assertThat(echo("echo-perms", Value.flags("read", "exec-all")))
        .isEqualTo(EnumSet.of(Perm.READ, Perm.EXEC_ALL));
    assertThat(echo("echo-perms", Value.flags())).isEqualTo(EnumSet.noneOf(Perm.class));
  }

  @Test
  void variantAndEnumResultsCarryTheirWitIndex() {
    assertThat(call(instance, "echo-shape", Value.variant("dot")))
        .isEqualTo(new Value.VariantValue("dot", 2, null))
        .extracting(v -> ((Value.VariantValue) v).caseIndex())
        .isEqualTo(2);
    assertThat(
            ((Value.EnumValue) call(instance, "echo-color", Value.enumCase("dark-blue"))).index())
        .isEqualTo(2);
  }

  @Test
  void options() {
    assertThat(echo("echo-option", Value.none())).isEqualTo(Optional.empty());
    assertThat(echo("echo-option", Value.some(Value.none())))
        .isEqualTo(Optional.of(Optional.empty()));
    assertThat(echo("echo-option", Value.some(Value.some(Value.u32(7)))))
        .isEqualTo(Optional.of(Optional.of(7L)));
  }

  @Test
  void results() {
    assertThat(echo("echo-result", Value.ok(Value.string("x")))).isEqualTo(Result.ok("x"));
    assertThat(echo("echo-result", Value.err(Value.variant("not-found"))))
        .isEqualTo(Result.err(new Error.NotFound()));
    assertThat(echo("echo-result", Value.err(Value.variant("upstream", Value.string("boom")))))
        .isEqualTo(Result.err(new Error.Upstream("boom")));
    assertThat(echo("echo-unit-result", Value.ok())).isEqualTo(Result.ok());
    assertThat(echo("echo-unit-result", Value.err())).isEqualTo(Result.err(null));
    assertThat(echo("echo-err-only", Value.ok())).isEqualTo(Result.ok());
    assertThat(echo("echo-err-only", Value.err(Value.u32(5)))).isEqualTo(Result.err(5L));
  }

  @Test
  void resultsOfListsOfPairsStaticMethodsAndVoid() {
    assertThat(call(instance, "get-all"))
        .isEqualTo(
            Value.ok(
                Value.list(
                    Value.tuple(Value.string("a"), Value.string("1")),
                    Value.tuple(Value.string("b"), Value.string("2")))));
    assertThat(call(instance, "sum", Value.u32(1), Value.s64(2), Value.f32(0.5f)))
        .isEqualTo(Value.f64(3.5));
    assertThat(call(instance, "nothing")).isNull();
    assertThat(kinds.seen).containsExactly("nothing");
  }

  @Test
  void theInstanceExportsTheInterfaceTypesAndEveryFunction() {
    assertThat(instance.exports().keySet())
        .startsWith("point", "person", "shape", "color", "perms", "error", "echo-bool")
        .contains("get-all", "nothing")
        .hasSize(6 + 29);
    assertThat(((Item.Type) instance.exports().get("color")).definition())
        .isEqualTo(
            new ExternType.Val(
                new virga.component.types.ValType.EnumType(List.of("red", "green", "dark-blue"))));
  }

  @Test
  void addToRegistersEveryImplementedInterfaceOnTheLinker() {
    TypedBindings b = new TypedBindings(List.of(Fixture.WIT), List.of());
    b.implement("test:bind/kinds", kinds);
    assertThat(b.interfaces()).containsExactly("test:bind/kinds@1.0.0");
    try (ResourceScope scope = b.addTo(new Linker())) {
      assertThat(scope.size()).isZero();
    }
  }

  /** Serves t:calc/api with values WIT cannot carry. */
  public static class OutOfRange {
    public long count() {
      return -1;
    }

    public Optional<String> name() {
      return null;
    }
  }

  @Test
  void resultsOutsideTheirWitTypeTrap() {
    TypedBindings b =
        new TypedBindings(
            List.of(
                "package t:calc@1.0.0; interface api { count: func() -> u32;"
                    + " name: func() -> option<string>; }"),
            List.of());
    b.implement("t:calc/api", new OutOfRange());
    Item.Instance i = b.instance("t:calc/api", new ResourceScope());
    assertThatThrownBy(() -> call(i, "count"))
        .isInstanceOf(TrapException.class)
        .hasMessage(
            "t:calc/api@1.0.0#count returned an unusable result:"
                + " virga.component.values.ValueTypeException: u32 out of range: -1");
    assertThatThrownBy(() -> call(i, "name"))
        .isInstanceOf(TrapException.class)
        .hasMessageStartingWith(
            "t:calc/api@1.0.0#name returned an unusable result: java.lang.NullPointerException");
  }

  private static Value point(int x, int y) {
    return Value.record(Value.field("x", Value.s32(x)), Value.field("y", Value.s32(y)));
  }
}
