package virga.component.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import virga.component.ComponentInstance;
import virga.component.Engine;
import virga.component.Linker;
import virga.component.abi.StandardCanonicalAbi;
import virga.component.types.FuncType;
import virga.component.types.ResourceType;
import virga.component.types.ValType;
import virga.component.values.Value;

/**
 * {@link StandardCanonicalAbi#drop}: the host drops an own handle it holds, as the oracle's {@code
 * drop $x} does (jco: {@code [Symbol.dispose]}).
 */
class HostDropTest {
  private static final String API = "example:resources/api@0.1.0#";
  private static final String HOST = "example:resources/host@0.1.0";

  @Test
  void droppingAGuestResourceRunsTheGuestDestructorInItsInstance() throws Exception {
    Engine engine = Engine.create();
    ResourceType blob = new ResourceType("blob");
    Linker linker = new Linker().resource(HOST + "#blob", blob);
    // use-blob is not called: the host functions only have to exist
    ValType own = new ValType.OwnType(blob);
    ValType borrow = new ValType.BorrowType(blob);
    ValType bytes = new ValType.ListType(ValType.Primitive.U8);
    Linker.HostFunction unused =
        args -> {
          throw new AssertionError("not called");
        };
    linker
        .function(HOST, "[constructor]blob", fn(own, bytes), unused)
        .function(HOST, "[method]blob.size", fn(ValType.Primitive.U32, borrow), unused)
        .function(HOST, "[method]blob.append", fn(null, borrow, bytes), unused)
        .function(HOST, "[static]blob.concat", fn(own, borrow, borrow), unused)
        .function(HOST, "consume", fn(ValType.Primitive.U32, own), unused);
    ComponentInstance inst =
        linker.instantiate(engine.compile(Files.readAllBytes(Fixtures.wasm("resources"))));

    Value.Own a = (Value.Own) inst.call(API + "[constructor]counter", Value.u32(5));
    Value.Own b = (Value.Own) inst.call(API + "[static]counter.make", Value.u32(2));
    assertThat(inst.call(API + "dropped")).isEqualTo(Value.u32(0));

    ((StandardCanonicalAbi) engine.abi()).drop(a);
    assertThat(inst.call(API + "dropped")).isEqualTo(Value.u32(1));
    // the other counter is untouched and the instance is still usable
    assertThat(inst.call(API + "peek", b)).isEqualTo(Value.u32(20));
    ((StandardCanonicalAbi) engine.abi()).drop(b);
    assertThat(inst.call(API + "dropped")).isEqualTo(Value.u32(2));
  }

  @Test
  void droppingAHostResourceRunsTheHostDestructor() {
    StandardCanonicalAbi abi = new StandardCanonicalAbi();
    ResourceType file = new ResourceType("file");
    List<Object> destroyed = new ArrayList<>();
    abi.defineHostResource(file, destroyed::add);
    abi.drop(Value.own(file, "f1"));
    assertThat(destroyed).containsExactly("f1");
  }

  private static FuncType fn(ValType result, ValType... params) {
    List<FuncType.Param> ps = new ArrayList<>();
    for (int i = 0; i < params.length; i++) {
      ps.add(new FuncType.Param("p" + i, params[i]));
    }
    return new FuncType(ps, result);
  }
}
