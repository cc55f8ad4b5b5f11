package virga.component.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import virga.component.Component;
import virga.component.ComponentInstance;
import virga.component.Engine;
import virga.component.Linker;
import virga.component.TrapException;
import virga.component.abi.StandardCanonicalAbi;
import virga.component.runtime.ComponentFunction;
import virga.component.runtime.ExternType;
import virga.component.runtime.Item;
import virga.component.types.FuncType;
import virga.component.types.ResourceType;
import virga.component.types.ValType;
import virga.component.values.Value;
import virga.component.values.Wave;

/**
 * Runs a fixture's case file ({@code guests/cases/<fixture>.cases}) in this engine, with the Java
 * ports of the oracle's hosts ({@link FixtureHosts}), and prints the transcript in the format of
 * {@code guests/oracle/run.mjs} (see {@code guests/README.md}, "Case files and transcripts"):
 * {@code host: iface#func(args)} for each host-import call, then {@code <line> => <WAVE result>},
 * {@code => ()} for no result, {@code => trap} when the guest traps; a {@code new-instance} line
 * replaces the instance with a fresh one (bindings are forgotten). Values print with {@link
 * Wave#print}; resource handles print as the {@code $binding} that holds them, else {@code
 * <resource-name>}.
 *
 * <p>A line the runner cannot execute (unknown function, bad argument, a non-trap exception) prints
 * {@code => runner-error: <exception>}, which never matches an oracle transcript.
 *
 * <p>{@code main(fixture...)} prints the transcripts, for looking at them by hand.
 */
public final class TranscriptRunner {
  private static final Pattern DROP = Pattern.compile("^drop\\s+\\$([A-Za-z_][A-Za-z0-9_-]*)$");
  private static final Pattern CALL =
      Pattern.compile("^(?:\\$([A-Za-z_][A-Za-z0-9_-]*)\\s*=\\s*)?([^\\s(]+)\\s*\\((.*)\\)$");
  private static final Pattern BINDING = Pattern.compile("^\\$([A-Za-z_][A-Za-z0-9_-]*)$");

  private final Engine engine;

  /** A runner on a fresh engine ({@link Engine#create()}). */
  public TranscriptRunner() {
    this(Engine.create());
  }

  /** A runner on {@code engine}, whose ABI must be the {@link StandardCanonicalAbi}. */
  public TranscriptRunner(Engine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /** Runs {@code guests/cases/<fixture>.cases} against {@code guests/wasm/<fixture>.wasm}. */
  public List<String> run(String fixture) {
    return run(fixture, Fixtures.wasm(fixture), Fixtures.cases(fixture));
  }

  /** Runs {@code cases} against {@code wasm}, with the hosts of {@code fixture}. */
  public List<String> run(String fixture, Path wasm, Path cases) {
    byte[] bytes;
    String text;
    try {
      bytes = Files.readAllBytes(wasm);
      text = Files.readString(cases);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Session s = new Session(engine.compile(bytes));
    s.instantiate(fixture);
    for (String raw : Transcripts.lines(text)) {
      String line = raw.strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        s.execute(line);
      }
    }
    return s.transcript;
  }

  /** Prints the transcript of each fixture named. */
  public static void main(String[] args) {
    TranscriptRunner r = new TranscriptRunner();
    for (String f : args) {
      r.run(f).forEach(System.out::println);
    }
  }

  /** One run: the instance, its bindings and the transcript so far. */
  private final class Session {
    private final Component component;
    private final List<String> transcript = new ArrayList<>();
    private final Map<String, Value.Own> bindings = new LinkedHashMap<>();
    private ComponentInstance instance;
    private String fixture;

    Session(Component component) {
      this.component = component;
    }

    private StandardCanonicalAbi abi() {
      return (StandardCanonicalAbi) engine.abi();
    }

    /** Supplies every import: host resources first, then functions wrapped to log their calls. */
    void instantiate(String fixture) {
      this.fixture = fixture;
      Linker linker = new Linker();
      Map<ResourceType, ResourceType> declaredToHost = new HashMap<>();
      Map<String, ResourceType> hostResources = new HashMap<>();
      component
          .imports()
          .forEach(
              (name, type) -> {
                if (type instanceof ExternType.Instance inst) {
                  // An interface's value types (its own or `use`d ones) are exports the import
                  // declares too: the host supplies them as declared. The functions and resources
                  // below are added to this instance.
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
                } else if (type instanceof ExternType.Resource r) {
                  // a resource the world imports itself: a top-level type import
                  ResourceType host = new ResourceType(name);
                  declaredToHost.put(r.type(), host);
                  hostResources.put(name, host);
                  linker.resource(name, host);
                }
              });
      FixtureHosts.Env env =
          new FixtureHosts.Env() {
            @Override
            public ResourceType resource(String key) {
              ResourceType t = hostResources.get(key);
              if (t == null) {
                throw new IllegalStateException("the component imports no resource " + key);
              }
              return t;
            }

            @Override
            public void emit(String line) {
              transcript.add(line);
            }

            @Override
            public void onDrop(ResourceType type, Consumer<Object> dtor) {
              abi().defineHostResource(type, dtor);
            }

            @Override
            public Value call(String function, Value... args) {
              return resolve(function).call(args);
            }
          };
      Map<String, Linker.HostFunction> impls = FixtureHosts.of(fixture, env);
      component
          .imports()
          .forEach(
              (name, type) -> {
                if (type instanceof ExternType.Instance inst) {
                  inst.exports()
                      .forEach(
                          (member, t) -> {
                            if (t instanceof ExternType.Func f) {
                              String key = unversioned(name) + "#" + member;
                              FuncType ft = Types.substitute(f.type(), declaredToHost);
                              linker.function(name, member, ft, logged(key, ft, impls.get(key)));
                            }
                          });
                } else if (type instanceof ExternType.Func f) {
                  FuncType ft = Types.substitute(f.type(), declaredToHost);
                  linker.function(name, ft, logged(name, ft, impls.get(name)));
                }
              });
      instance = linker.instantiate(component);
    }

    /** hostlog.mjs: {@code host: ns:pkg/iface#func(args)}, logged before the body runs. */
    private Linker.HostFunction logged(String key, FuncType type, Linker.HostFunction impl) {
      if (impl == null) {
        throw new IllegalStateException("no Java host implementation for import " + key);
      }
      return args -> {
        List<String> printed = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
          printed.add(print(type.params().get(i).type(), args[i]));
        }
        transcript.add("host: " + key + "(" + String.join(", ", printed) + ")");
        return impl.call(args);
      };
    }

    void execute(String line) {
      try {
        if (line.equals("new-instance")) {
          // run.mjs: a fresh instance, so that a case after a trap does not meet a poisoned one
          bindings.clear();
          instantiate(fixture);
          transcript.add(line + " => ()");
          return;
        }
        Matcher drop = DROP.matcher(line);
        if (drop.matches()) {
          Value.Own h = bindings.remove(drop.group(1));
          if (h == null) {
            throw new IllegalArgumentException("unknown binding $" + drop.group(1));
          }
          abi().drop(h);
          transcript.add(line + " => ()");
          return;
        }
        Matcher call = CALL.matcher(line);
        if (!call.matches()) {
          throw new IllegalArgumentException(
              "expected <name>(<args>), $var = <name>(<args>) or drop $var");
        }
        String bind = call.group(1);
        ComponentFunction f = resolve(call.group(2));
        List<Value> args = arguments(call.group(2), call.group(3), f.type());
        ValType rt = f.type().result();
        Value result;
        try {
          result = f.call(args.toArray(new Value[0]));
        } catch (TrapException e) {
          transcript.add(line + " => trap");
          return;
        }
        if (bind != null) {
          if (!(result instanceof Value.Own own)) {
            throw new IllegalArgumentException(
                "only a function returning own<resource> can be bound with $name =");
          }
          bindings.put(bind, own);
        }
        transcript.add(line + " => " + (rt == null ? "()" : print(rt, result)));
      } catch (RuntimeException e) {
        System.err.println("TranscriptRunner: " + line);
        e.printStackTrace();
        transcript.add(line + " => runner-error: " + e);
      }
    }

    /** {@code func} (top-level export) or {@code ns:pkg/iface[@ver]#func}. */
    private ComponentFunction resolve(String name) {
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

    /**
     * The arguments: {@code $name} passes a binding (an own parameter consumes it), everything else
     * is WAVE parsed by {@link Wave}. Like the oracle, the count must match exactly.
     */
    private List<Value> arguments(String name, String text, FuncType type) {
      List<String> parts = Types.splitArguments(text);
      if (parts.size() != type.params().size()) {
        throw new IllegalArgumentException(
            name + " takes " + type.params().size() + " arguments, got " + parts.size());
      }
      if (parts.stream().noneMatch(p -> p.startsWith("$"))) {
        // the ordinary path: the engine's own call-expression parser
        return Wave.parseCall(name + "(" + text + ")").values(type.paramTypes());
      }
      List<Value> out = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) {
        ValType t = type.params().get(i).type();
        Matcher m = BINDING.matcher(parts.get(i));
        if (m.matches()) {
          if (!(t instanceof ValType.OwnType || t instanceof ValType.BorrowType)) {
            throw new IllegalArgumentException("$" + m.group(1) + " passed for a non-handle");
          }
          Value.Own h =
              t instanceof ValType.OwnType ? bindings.remove(m.group(1)) : bindings.get(m.group(1));
          if (h == null) {
            throw new IllegalArgumentException("unknown binding $" + m.group(1));
          }
          out.add(h);
        } else if (parts.get(i).contains("$")) {
          throw new IllegalArgumentException("$bindings inside compound values: " + parts.get(i));
        } else {
          out.add(Wave.parse(t, parts.get(i)));
        }
      }
      return out;
    }

    /** WAVE, except handles: {@code $binding} holding the same resource, else {@code <name>}. */
    private String print(ValType type, Value v) {
      if (type instanceof ValType.OwnType || type instanceof ValType.BorrowType) {
        ResourceType rt;
        Object rep;
        if (v instanceof Value.Own o) {
          rt = o.type();
          rep = o.rep();
        } else if (v instanceof Value.Borrow b) {
          rt = b.type();
          rep = b.rep();
        } else {
          throw new IllegalStateException("expected a handle, got " + v);
        }
        for (Map.Entry<String, Value.Own> e : bindings.entrySet()) {
          if (e.getValue().type() == rt && Objects.equals(e.getValue().rep(), rep)) {
            return "$" + e.getKey();
          }
        }
        return "<" + rt.name() + ">";
      }
      if (Types.containsHandle(type)) {
        throw new UnsupportedOperationException("handles inside compound values: " + type);
      }
      return Wave.print(type, v);
    }
  }

  /** {@code ns:pkg/iface@1.2.3} without the version, as the oracle's transcript names it. */
  static String unversioned(String name) {
    int at = name.indexOf('@');
    return at < 0 ? name : name.substring(0, at);
  }
}
