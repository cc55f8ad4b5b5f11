package virga.component.wit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import virga.component.runtime.ExternType;
import virga.component.types.FuncType;
import virga.component.types.ResourceType;
import virga.component.types.ValType;

/**
 * Prints a component's imports and exports as WIT: a {@code world} naming every import and export,
 * followed by one nested {@code package} block per interface package with the interface bodies.
 *
 * <p>Names of records, variants, enums, flags and resources come from the type exports of each
 * instance, as the component declares them; a type that no instance names is printed structurally.
 */
public final class WitPrinter {
  private final StringBuilder out = new StringBuilder();
  private final Map<ValType, String> globalNames = new LinkedHashMap<>();
  private final List<String> printedMembers = new ArrayList<>();

  private WitPrinter() {}

  /** The WIT text of a component with these imports and exports. */
  public static String print(Map<String, ExternType> imports, Map<String, ExternType> exports) {
    return new WitPrinter().render(imports, exports);
  }

  private String render(Map<String, ExternType> imports, Map<String, ExternType> exports) {
    collectNames(imports);
    collectNames(exports);
    Map<String, Map<String, ExternType.Instance>> packages = new TreeMap<>();
    out.append("package root:component;\n\nworld root {\n");
    worldItems("import", imports, packages);
    worldItems("export", exports, packages);
    out.append("}\n");
    packages.forEach(this::packageBlock);
    return out.toString();
  }

  private void collectNames(Map<String, ExternType> items) {
    for (ExternType t : items.values()) {
      if (t instanceof ExternType.Instance instance) {
        instance.exports().forEach((n, e) -> nameOf(n, e, globalNames));
      }
    }
    items.forEach((n, e) -> nameOf(n, e, globalNames));
  }

  private static void nameOf(String name, ExternType e, Map<ValType, String> names) {
    if (e instanceof ExternType.Val v && isNominal(v.type())) {
      names.putIfAbsent(v.type(), name);
    }
  }

  // In WIT these four kinds only exist as named definitions; everything else can be written inline.
  private static boolean isNominal(ValType t) {
    return t instanceof ValType.RecordType
        || t instanceof ValType.VariantType
        || t instanceof ValType.EnumType
        || t instanceof ValType.FlagsType;
  }

  private void worldItems(
      String keyword,
      Map<String, ExternType> items,
      Map<String, Map<String, ExternType.Instance>> packages) {
    Map<ValType, String> local = new LinkedHashMap<>(globalNames);
    // A resource the world imports itself arrives as a top-level type next to top-level functions
    // `[constructor]r`, `[method]r.f`, `[static]r.f`: print those inside `resource r { ... }`.
    Map<String, FuncType> functions = new LinkedHashMap<>();
    items.forEach(
        (name, type) -> {
          if (type instanceof ExternType.Func f) {
            functions.put(name, f.type());
          }
        });
    List<String> worldMembers = new ArrayList<>();
    items.forEach(
        (name, type) -> {
          if (type instanceof ExternType.Resource) {
            Map<String, FuncType> members = resourceFunctions(name, functions);
            worldMembers.addAll(members.keySet());
            typeDefinition(name, type, "  ", local, members);
          } else if (type instanceof ExternType.Func && worldMembers.contains(name)) {
            return; // printed inside its resource
          } else if (type instanceof ExternType.Instance instance) {
            InterfaceName iface = InterfaceName.parse(name);
            if (iface == null) {
              out.append("  ").append(keyword).append(' ').append(name).append(": interface {\n");
              interfaceBody(instance, "    ");
              out.append("  }\n");
            } else {
              out.append("  ").append(keyword).append(' ').append(name).append(";\n");
              packages
                  .computeIfAbsent(iface.packageRef(), p -> new LinkedHashMap<>())
                  .putIfAbsent(iface.iface(), instance);
            }
          } else if (type instanceof ExternType.Func f) {
            out.append("  ")
                .append(keyword)
                .append(' ')
                .append(name)
                .append(": ")
                .append(funcSignature(f.type(), local))
                .append(";\n");
          } else {
            typeDefinition(name, type, "  ", local, Map.of());
          }
        });
  }

  private void packageBlock(String packageRef, Map<String, ExternType.Instance> interfaces) {
    out.append("\npackage ").append(packageRef).append(" {\n");
    boolean first = true;
    for (Map.Entry<String, ExternType.Instance> e : interfaces.entrySet()) {
      if (!first) {
        out.append('\n');
      }
      first = false;
      out.append("  interface ").append(e.getKey()).append(" {\n");
      interfaceBody(e.getValue(), "    ");
      out.append("  }\n");
    }
    out.append("}\n");
  }

  private void interfaceBody(ExternType.Instance instance, String indent) {
    Map<ValType, String> local = new LinkedHashMap<>();
    instance.exports().forEach((n, e) -> nameOf(n, e, local));
    globalNames.forEach(local::putIfAbsent);
    Map<String, FuncType> functions = new LinkedHashMap<>();
    instance
        .exports()
        .forEach(
            (n, e) -> {
              if (e instanceof ExternType.Func f) {
                functions.put(n, f.type());
              }
            });
    List<String> resourceMembers = new ArrayList<>();
    instance
        .exports()
        .forEach(
            (name, type) -> {
              if (type instanceof ExternType.Func) {
                return;
              }
              typeDefinition(name, type, indent, local, resourceFunctions(name, functions));
            });
    for (Map.Entry<String, FuncType> f : functions.entrySet()) {
      if (f.getKey().startsWith("[")) {
        resourceMembers.add(f.getKey());
        continue;
      }
      out.append(indent)
          .append(f.getKey())
          .append(": ")
          .append(funcSignature(f.getValue(), local))
          .append(";\n");
    }
    // Members of a resource the instance does not export as a type would otherwise be lost.
    for (String member : resourceMembers) {
      if (!printedMembers.contains(member)) {
        out.append(indent)
            .append("/* ")
            .append(member)
            .append(" */ ")
            .append(funcSignature(functions.get(member), local))
            .append(";\n");
      }
    }
  }

  private Map<String, FuncType> resourceFunctions(
      String resource, Map<String, FuncType> functions) {
    Map<String, FuncType> members = new LinkedHashMap<>();
    functions.forEach(
        (name, type) -> {
          if (name.equals("[constructor]" + resource)
              || name.startsWith("[method]" + resource + ".")
              || name.startsWith("[static]" + resource + ".")) {
            members.put(name, type);
          }
        });
    return members;
  }

  private void typeDefinition(
      String name,
      ExternType type,
      String indent,
      Map<ValType, String> names,
      Map<String, FuncType> resourceMembers) {
    if (type instanceof ExternType.Resource) {
      resource(name, resourceMembers, indent, names);
      return;
    }
    if (!(type instanceof ExternType.Val v)) {
      out.append(indent).append("/* ").append(name).append(": ").append(kind(type)).append(" */\n");
      return;
    }
    ValType t = v.type();
    String self = names.get(t);
    if (isNominal(t) && self != null && !self.equals(name)) {
      out.append(indent).append("type ").append(name).append(" = ").append(self).append(";\n");
      return;
    }
    if (t instanceof ValType.RecordType r) {
      out.append(indent).append("record ").append(name).append(" {\n");
      for (ValType.Field f : r.fields()) {
        out.append(indent)
            .append("  ")
            .append(f.name())
            .append(": ")
            .append(ref(f.type(), names))
            .append(",\n");
      }
      out.append(indent).append("}\n");
    } else if (t instanceof ValType.VariantType vt) {
      out.append(indent).append("variant ").append(name).append(" {\n");
      for (ValType.Case c : vt.cases()) {
        out.append(indent).append("  ").append(c.name());
        if (c.type() != null) {
          out.append('(').append(ref(c.type(), names)).append(')');
        }
        out.append(",\n");
      }
      out.append(indent).append("}\n");
    } else if (t instanceof ValType.EnumType e) {
      out.append(indent)
          .append("enum ")
          .append(name)
          .append(" {\n")
          .append(labels(e.labels(), indent + "  "))
          .append(indent)
          .append("}\n");
    } else if (t instanceof ValType.FlagsType fl) {
      out.append(indent)
          .append("flags ")
          .append(name)
          .append(" {\n")
          .append(labels(fl.labels(), indent + "  "))
          .append(indent)
          .append("}\n");
    } else {
      out.append(indent)
          .append("type ")
          .append(name)
          .append(" = ")
          .append(ref(t, names))
          .append(";\n");
    }
  }

  private void resource(
      String name, Map<String, FuncType> members, String indent, Map<ValType, String> names) {
    if (members.isEmpty()) {
      out.append(indent).append("resource ").append(name).append(";\n");
      return;
    }
    out.append(indent).append("resource ").append(name).append(" {\n");
    members.forEach(
        (member, type) -> {
          printedMembers.add(member);
          out.append(indent).append("  ");
          if (member.startsWith("[constructor]")) {
            out.append("constructor(").append(params(type, names)).append(");\n");
            return;
          }
          boolean isStatic = member.startsWith("[static]");
          String fn = member.substring(member.indexOf('.') + 1);
          FuncType shown = type;
          if (!isStatic && !type.params().isEmpty()) {
            // the implicit `self` parameter of a method is not written in WIT
            shown = new FuncType(type.params().subList(1, type.params().size()), type.result());
          }
          out.append(fn)
              .append(": ")
              .append(isStatic ? "static " : "")
              .append(funcSignature(shown, names))
              .append(";\n");
        });
    out.append(indent).append("}\n");
  }

  private static String labels(List<String> labels, String indent) {
    StringBuilder b = new StringBuilder();
    for (String l : labels) {
      b.append(indent).append(l).append(",\n");
    }
    return b.toString();
  }

  private static String kind(ExternType type) {
    if (type instanceof ExternType.Component) {
      return "component";
    }
    if (type instanceof ExternType.Module) {
      return "core module";
    }
    if (type instanceof ExternType.Value) {
      return "value";
    }
    return type.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  private String funcSignature(FuncType type, Map<ValType, String> names) {
    String s = "func(" + params(type, names) + ")";
    return type.result() == null ? s : s + " -> " + ref(type.result(), names);
  }

  private String params(FuncType type, Map<ValType, String> names) {
    List<String> ps = new ArrayList<>();
    for (FuncType.Param p : type.params()) {
      ps.add(p.name() + ": " + ref(p.type(), names));
    }
    return String.join(", ", ps);
  }

  /** How a type is referred to from a signature or another type. */
  static String ref(ValType t, Map<ValType, String> names) {
    String named = names.get(t);
    if (named != null && isNominal(t)) {
      return named;
    }
    if (t instanceof ValType.Primitive p) {
      return p.witName();
    }
    if (t instanceof ValType.ListType l) {
      return "list<" + ref(l.element(), names) + ">";
    }
    if (t instanceof ValType.OptionType o) {
      return "option<" + ref(o.type(), names) + ">";
    }
    if (t instanceof ValType.TupleType tu) {
      List<String> parts = new ArrayList<>();
      tu.types().forEach(x -> parts.add(ref(x, names)));
      return "tuple<" + String.join(", ", parts) + ">";
    }
    if (t instanceof ValType.ResultType r) {
      if (r.ok() == null && r.err() == null) {
        return "result";
      }
      if (r.err() == null) {
        return "result<" + ref(r.ok(), names) + ">";
      }
      return "result<"
          + (r.ok() == null ? "_" : ref(r.ok(), names))
          + ", "
          + ref(r.err(), names)
          + ">";
    }
    if (t instanceof ValType.OwnType o) {
      return resourceName(o.resource());
    }
    if (t instanceof ValType.BorrowType b) {
      return "borrow<" + resourceName(b.resource()) + ">";
    }
    return structural(t, names);
  }

  private static String resourceName(ResourceType r) {
    return r.name() == null || r.name().isEmpty() ? "resource" : r.name();
  }

  // An unnamed record/variant/enum/flags: not valid WIT, but every detail is still shown.
  private static String structural(ValType t, Map<ValType, String> names) {
    List<String> parts = new ArrayList<>();
    String kind;
    if (t instanceof ValType.RecordType r) {
      kind = "record";
      r.fields().forEach(f -> parts.add(f.name() + ": " + ref(f.type(), names)));
    } else if (t instanceof ValType.VariantType v) {
      kind = "variant";
      v.cases()
          .forEach(
              c ->
                  parts.add(
                      c.type() == null ? c.name() : c.name() + "(" + ref(c.type(), names) + ")"));
    } else if (t instanceof ValType.EnumType e) {
      kind = "enum";
      parts.addAll(e.labels());
    } else {
      kind = "flags";
      parts.addAll(((ValType.FlagsType) t).labels());
    }
    return kind + " { " + String.join(", ", parts) + " }";
  }
}
