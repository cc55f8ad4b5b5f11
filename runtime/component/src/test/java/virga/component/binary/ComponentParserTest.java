package virga.component.binary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import virga.component.core.CoreFuncType;
import virga.component.core.CoreValType;
import virga.component.testing.Bin;
import virga.component.testing.Components;
import virga.component.testing.CoreModules;
import virga.component.types.ValType;

class ComponentParserTest {

  @Test
  void parsesTheAdder() {
    ComponentAst ast = ComponentParser.parse(Components.adder());

    assertThat(ast.definitions()).hasSize(6);
    Definition.CoreModule m = (Definition.CoreModule) ast.definitions().get(0);
    assertThat(m.bytes()).isEqualTo(CoreModules.adder());
    assertThat(m.offset()).isEqualTo(10); // preamble 8 + section id + size byte
    assertThat(ast.definitions().get(1))
        .isEqualTo(new Definition.CoreInstantiate(0, List.of(), m.offset() + m.size() + 3));
    Definition.Alias alias = (Definition.Alias) ast.definitions().get(2);
    assertThat(alias.sort()).isEqualTo(Sort.CORE_FUNC);
    assertThat(alias.target()).isEqualTo(new AliasTarget.CoreInstanceExport(0, "add"));
    Definition.Type t = (Definition.Type) ast.definitions().get(3);
    assertThat(t.type())
        .isEqualTo(
            new DefType.Func(
                List.of(
                    new DefType.Labeled("a", new ValTypeRef.Prim(ValType.Primitive.U32)),
                    new DefType.Labeled("b", new ValTypeRef.Prim(ValType.Primitive.U32))),
                new ValTypeRef.Prim(ValType.Primitive.U32)));
    Definition.CanonDef lift = (Definition.CanonDef) ast.definitions().get(4);
    assertThat(lift.canon()).isEqualTo(new Canon.Lift(0, CanonOptions.NONE, 0));
    Definition.Export e = (Definition.Export) ast.definitions().get(5);
    assertThat(e.name().raw()).isEqualTo("add");
    assertThat(e.item()).isEqualTo(new SortIdx(Sort.FUNC, 0));
    assertThat(e.ascribed()).isNull();
  }

  @Test
  void parsesEverySectionKind() {
    ComponentAst ast = ComponentParser.parse(KitchenSink.bytes());

    assertThat(ast.names().componentName()).isEqualTo("sink");
    assertThat(ast.names().name(Sort.FUNC, 0)).isEqualTo("f0");
    assertThat(ast.customSections()).extracting(CustomSection::name).contains("component-name");

    List<Definition.CoreTypeDef> coreTypes = ast.all(Definition.CoreTypeDef.class);
    assertThat(coreTypes.get(0).type())
        .isEqualTo(new CoreType.Func(new CoreFuncType(List.of(CoreValType.I32), List.of())));
    CoreType.Module mt = (CoreType.Module) coreTypes.get(1).type();
    assertThat(mt.decls())
        .containsExactly(
            new CoreType.TypeDecl(new CoreType.Func(new CoreFuncType(List.of(), List.of()))),
            new CoreType.ImportDecl(
                "env",
                "f",
                new CoreType.CoreExternDesc(virga.component.core.CoreImport.Kind.FUNCTION, 0)),
            new CoreType.ExportDecl(
                "g",
                new CoreType.CoreExternDesc(virga.component.core.CoreImport.Kind.FUNCTION, 0)));

    assertThat(ast.all(Definition.CoreInlineInstance.class).get(0).exports())
        .containsExactly(new Definition.CoreInlineExport("add2", new SortIdx(Sort.CORE_FUNC, 0)));

    List<DefType> types =
        ast.all(Definition.Type.class).stream().map(Definition.Type::type).toList();
    ValTypeRef u32 = new ValTypeRef.Prim(ValType.Primitive.U32);
    ValTypeRef str = new ValTypeRef.Prim(ValType.Primitive.STRING);
    assertThat(types.get(0)).isEqualTo(new DefType.Resource(null));
    assertThat(types.get(1)).isEqualTo(new DefType.Resource(0));
    assertThat(types.get(2))
        .isEqualTo(
            new DefType.Record(
                List.of(new DefType.Labeled("x", u32), new DefType.Labeled("y", str))));
    assertThat(types.get(3))
        .isEqualTo(
            new DefType.Variant(
                List.of(
                    new DefType.Case("a", null),
                    new DefType.Case("b", new ValTypeRef.Prim(ValType.Primitive.U8)))));
    assertThat(types.get(4)).isEqualTo(new DefType.ListOf(new ValTypeRef.Idx(2)));
    assertThat(types.get(5)).isEqualTo(new DefType.Tuple(List.of(u32, new ValTypeRef.Idx(4))));
    assertThat(types.get(6)).isEqualTo(new DefType.Flags(List.of("r", "w")));
    assertThat(types.get(7)).isEqualTo(new DefType.Enum(List.of("x")));
    assertThat(types.get(8)).isEqualTo(new DefType.Option(str));
    assertThat(types.get(9)).isEqualTo(new DefType.Result(u32, str));
    assertThat(types.get(10)).isEqualTo(new DefType.Own(0));
    assertThat(types.get(11)).isEqualTo(new DefType.Borrow(0));
    assertThat(types.get(13))
        .isEqualTo(
            new DefType.Func(List.of(new DefType.Labeled("self", new ValTypeRef.Idx(11))), null));
    DefType.InstanceType it = (DefType.InstanceType) types.get(14);
    assertThat(it.decls()).hasSize(3);
    assertThat(it.decls().get(1))
        .isEqualTo(new Decl.ExportDecl(new ExternName("double"), new ExternDesc.Func(0)));
    assertThat(it.decls().get(2))
        .isEqualTo(new Decl.AliasDecl(Sort.TYPE, new AliasTarget.Outer(1, 2)));
    DefType.ComponentType ct = (DefType.ComponentType) types.get(15);
    assertThat(ct.decls().get(1))
        .isEqualTo(new Decl.ImportDecl(new ExternName("f"), new ExternDesc.Func(0)));

    Definition.Import imp = ast.all(Definition.Import.class).get(0);
    assertThat(imp.name().unversioned()).isEqualTo("test:math/ops");
    assertThat(imp.name().version()).isEqualTo("1.2.3");
    assertThat(imp.desc()).isEqualTo(new ExternDesc.Instance(14));

    List<Canon> canons =
        ast.all(Definition.CanonDef.class).stream().map(Definition.CanonDef::canon).toList();
    assertThat(canons)
        .containsExactly(
            new Canon.Lower(0, CanonOptions.NONE),
            new Canon.Lift(0, new CanonOptions(CanonOptions.StringEncoding.UTF16, 0, 0, 0), 12),
            new Canon.ResourceNew(0),
            new Canon.ResourceDrop(0),
            new Canon.ResourceRep(1));

    ComponentAst nested = ast.all(Definition.NestedComponent.class).get(0).component();
    assertThat(nested.definitions().get(0))
        .isInstanceOfSatisfying(
            Definition.Alias.class,
            a -> assertThat(a.target()).isEqualTo(new AliasTarget.Outer(1, 2)));

    assertThat(ast.all(Definition.Instantiate.class).get(0).args())
        .containsExactly(new Definition.InstantiateArg("unused", new SortIdx(Sort.FUNC, 1)));
    assertThat(ast.all(Definition.InlineInstance.class).get(0).exports())
        .containsExactly(
            new Definition.InlineExport(new ExternName("add"), new SortIdx(Sort.FUNC, 1)));
    List<Definition.Export> exports = ast.all(Definition.Export.class);
    assertThat(exports.get(0).ascribed()).isEqualTo(new ExternDesc.Func(12));
    assertThat(exports.get(1).item()).isEqualTo(new SortIdx(Sort.TYPE, 2));
  }

  @Test
  void readsAnUnnamedResultAndANamedEmptyResultList() {
    byte[] bin = Bin.component().vecSection(7, 1, new Bin().u8(0x40, 0, 0x01, 0)).toBytes();
    DefType.Func f =
        (DefType.Func) ComponentParser.parse(bin).all(Definition.Type.class).get(0).type();
    assertThat(f.params()).isEmpty();
    assertThat(f.result()).isNull();
  }

  @Test
  void keepsTheSemverAndAnnotatedFormsOfNames() {
    ExternName m = new ExternName("[method]file.read");
    assertThat(m.kind()).isEqualTo(ExternName.Kind.METHOD);
    assertThat(m.resource()).isEqualTo("file");
    assertThat(m.function()).isEqualTo("read");
    ExternName c = new ExternName("[constructor]file");
    assertThat(c.kind()).isEqualTo(ExternName.Kind.CONSTRUCTOR);
    assertThat(c.resource()).isEqualTo("file");
    ExternName s = new ExternName("[static]file.open");
    assertThat(s.kind()).isEqualTo(ExternName.Kind.STATIC);
    assertThat(s.function()).isEqualTo("open");
    ExternName i = new ExternName("wasi:io/streams@0.2.0-rc.1");
    assertThat(i.kind()).isEqualTo(ExternName.Kind.INTERFACE);
    assertThat(i.unversioned()).isEqualTo("wasi:io/streams");
    assertThat(i.version()).isEqualTo("0.2.0-rc.1");
    assertThat(new ExternName("wasi:io/error").version()).isNull();
    assertThat(new ExternName("run").kind()).isEqualTo(ExternName.Kind.PLAIN);
    assertThat(new ExternName("run").version()).isNull();
  }
}
