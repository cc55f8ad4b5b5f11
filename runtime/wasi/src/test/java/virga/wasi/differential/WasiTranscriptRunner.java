package virga.wasi.differential;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import virga.component.Component;
import virga.component.ComponentInstance;
import virga.component.Linker;
import virga.component.TrapException;
import virga.component.differential.Transcripts;
import virga.component.runtime.ComponentFunction;
import virga.component.runtime.ExternType;
import virga.component.runtime.Item;
import virga.component.types.FuncType;
import virga.component.types.ResourceType;
import virga.component.types.ValType;
import virga.component.values.Value;
import virga.component.values.Wave;
import virga.component.values.WaveCall;
import virga.wasi.Wasi;
import virga.wasi.WasiContext;

/**
 * Runs a WASI fixture's case file in this engine the way {@code guests/oracle/run.mjs} runs it in
 * node, and returns what the oracle prints on its stdout (format: {@code guests/README.md}, "Case
 * files and transcripts"): the interfaces preview2-shim implements ({@code
 * wasi:cli|clocks|filesystem|io|random|sockets|http}) come from {@link Wasi#addToLinker}, every
 * other import from {@link WasiHosts}, each call logged as {@code host: ns:pkg/iface#func(args)}
 * before its body runs.
 *
 * <p>Ordering mirrors node: there, the transcript lines ({@code process.stdout.write}) and the
 * guest's stdout (preview2-shim's {@code blockingWriteAndFlush} on stdout, also a synchronous
 * {@code process.stdout.write}) go to the same stream in the order they happen. Here both go to one
 * byte buffer, split into lines at the end, so guest output lands where the guest wrote it, partial
 * lines included. Guest stderr goes to node's stderr, not the transcript: it is kept apart.
 *
 * <p>Lines it cannot execute print {@code => runner-error: <exception>}, which never matches an
 * oracle transcript; {@code $bindings} are not supported (no WASI fixture exports a resource).
 */
final class WasiTranscriptRunner {
  /** run.mjs: the interfaces left to preview2-shim, by package. */
  static final Pattern PREVIEW2_SHIM =
      Pattern.compile("^wasi:(cli|clocks|filesystem|io|random|sockets|http)/.*");

  private static final Pattern CALL =
      Pattern.compile("^(?:\\$([A-Za-z_][A-Za-z0-9_-]*)\\s*=\\s*)?([^\\s(]+)\\s*\\((.*)\\)$");

  private WasiTranscriptRunner() {}

  /** The transcript (node's stdout) and the guest's stderr. */
  record Result(List<String> transcript, String stderr) {}

  /** Runs {@code guests/cases/<fixture>.cases}. */
  static Result run(String fixture) {
    return run(fixture, WasiFixtures.cases(fixture));
  }

  /** Runs {@code cases} against the fixture's component, on a fresh instance and fresh hosts. */
  static Result run(String fixture, Path cases) {
    Component component = WasiFixtures.component(fixture);
    String text = WasiFixtures.read(cases);
    Output out = new Output();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (WasiContext ctx = WasiContext.builder().stdout(out).stderr(err).build()) {
      Linker linker = new Linker();
      Wasi.addToLinker(linker, ctx);
      ComponentInstance instance = instantiate(component, linker, out);
      for (String raw : Transcripts.lines(text)) {
        String line = raw.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          execute(instance, line, out);
        }
      }
    }
    return new Result(Transcripts.lines(out.text()), err.toString(StandardCharsets.UTF_8));
  }

  /** Supplies the non-preview2-shim imports: host resources, then logged functions. */
  private static ComponentInstance instantiate(Component component, Linker linker, Output out) {
    Map<ResourceType, ResourceType> declaredToHost = new HashMap<>();
    Map<String, ResourceType> hostResources = new HashMap<>();
    Map<String, ExternType.Instance> custom = new LinkedHashMap<>();
    component
        .imports()
        .forEach(
            (name, type) -> {
              if (type instanceof ExternType.Instance inst
                  && !PREVIEW2_SHIM.matcher(name).matches()) {
                custom.put(name, inst);
              } else if (!(type instanceof ExternType.Instance)) {
                throw new IllegalStateException("unexpected top-level import " + name);
              }
            });
    custom.forEach(
        (name, inst) -> {
          // the interface's value types are declared by the import itself; supply them as declared
          Map<String, Item> types = new LinkedHashMap<>();
          inst.exports()
              .forEach(
                  (member, t) -> {
                    if (t instanceof ExternType.Val v) {
                      types.put(member, new Item.Type(v));
                    }
                  });
          linker.instance(name, new Item.Instance(types));
          inst.exports()
              .forEach(
                  (member, t) -> {
                    if (t instanceof ExternType.Resource r) {
                      ResourceType host = new ResourceType(member);
                      declaredToHost.put(r.type(), host);
                      hostResources.put(unversioned(name) + "#" + member, host);
                      linker.resource(name + "#" + member, host);
                    }
                  });
        });
    Map<String, Linker.HostFunction> impls = WasiHosts.create(hostResources::get);
    custom.forEach(
        (name, inst) ->
            inst.exports()
                .forEach(
                    (member, t) -> {
                      if (t instanceof ExternType.Func f) {
                        String key = unversioned(name) + "#" + member;
                        FuncType ft = substitute(f.type(), declaredToHost);
                        Linker.HostFunction impl = impls.get(key);
                        if (impl == null) {
                          throw new IllegalStateException("no Java host for import " + key);
                        }
                        linker.function(name, member, ft, logged(key, ft, impl, out));
                      }
                    }));
    return linker.instantiate(component);
  }

  /** hostlog.mjs: {@code host: ns:pkg/iface#func(args)}, printed before the body runs. */
  private static Linker.HostFunction logged(
      String key, FuncType type, Linker.HostFunction impl, Output out) {
    return args -> {
      List<String> printed = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        printed.add(print(type.params().get(i).type(), args[i]));
      }
      out.line("host: " + key + "(" + String.join(", ", printed) + ")");
      return impl.call(args);
    };
  }

  private static void execute(ComponentInstance instance, String line, Output out) {
    try {
      Matcher call = CALL.matcher(line);
      if (!call.matches()) {
        throw new IllegalArgumentException("expected <name>(<args>)");
      }
      if (call.group(1) != null || call.group(3).contains("$")) {
        throw new IllegalArgumentException("$bindings are not supported here");
      }
      String name = call.group(2);
      ComponentFunction f = resolve(instance, name);
      WaveCall parsed = Wave.parseCall(name + "(" + call.group(3) + ")");
      if (parsed.args().size() != f.type().params().size()) {
        // like the oracle: trailing options may not be left out
        throw new IllegalArgumentException(
            name
                + " takes "
                + f.type().params().size()
                + " arguments, got "
                + parsed.args().size());
      }
      List<Value> args = parsed.values(f.type().paramTypes());
      ValType rt = f.type().result();
      Value result;
      try {
        result = f.call(args.toArray(new Value[0]));
      } catch (TrapException e) {
        out.line(line + " => trap");
        return;
      }
      out.line(line + " => " + (rt == null ? "()" : print(rt, result)));
    } catch (RuntimeException e) {
      System.err.println("WasiTranscriptRunner: " + line);
      e.printStackTrace();
      out.line(line + " => runner-error: " + e);
    }
  }

  /** {@code func} (top-level export) or {@code ns:pkg/iface[@ver]#func}. */
  private static ComponentFunction resolve(ComponentInstance instance, String name) {
    int hash = name.indexOf('#');
    if (hash < 0) {
      return instance.function(name);
    }
    String iface = name.substring(0, hash);
    for (String export : instance.exports().keySet()) {
      if (export.equals(iface) || unversioned(export).equals(iface)) {
        return instance.function(export + name.substring(hash));
      }
    }
    throw new IllegalArgumentException("the component exports no interface " + iface);
  }

  /** WAVE; a handle prints {@code <resource-name>} (no bindings here). */
  private static String print(ValType type, Value v) {
    if (type instanceof ValType.OwnType o) {
      return "<" + o.resource().name() + ">";
    }
    if (type instanceof ValType.BorrowType b) {
      return "<" + b.resource().name() + ">";
    }
    return Wave.print(type, v);
  }

  /** {@code f} with the resources the component declared replaced by the host's. */
  private static FuncType substitute(FuncType f, Map<ResourceType, ResourceType> map) {
    List<FuncType.Param> ps = new ArrayList<>();
    for (FuncType.Param p : f.params()) {
      ps.add(new FuncType.Param(p.name(), substitute(p.type(), map)));
    }
    return new FuncType(ps, f.result() == null ? null : substitute(f.result(), map));
  }

  private static ValType substitute(ValType t, Map<ResourceType, ResourceType> map) {
    if (t instanceof ValType.OwnType o) {
      return new ValType.OwnType(map.getOrDefault(o.resource(), o.resource()));
    } else if (t instanceof ValType.BorrowType b) {
      return new ValType.BorrowType(map.getOrDefault(b.resource(), b.resource()));
    } else if (t instanceof ValType.ResultType r) {
      // open: result<bucket, error> is the only compound holding a handle in these worlds
      return new ValType.ResultType(substitute(r.ok(), map), substitute(r.err(), map));
    }
    return t;
  }

  /** {@code ns:pkg/iface@1.2.3} without the version, as the oracle's transcript names it. */
  static String unversioned(String name) {
    int at = name.indexOf('@');
    return at < 0 ? name : name.substring(0, at);
  }

  /** Node's stdout: transcript lines and guest stdout bytes, in the order they are written. */
  static final class Output extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    synchronized void line(String s) {
      bytes.writeBytes((s + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
