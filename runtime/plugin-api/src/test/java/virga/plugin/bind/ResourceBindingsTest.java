package virga.plugin.bind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static virga.plugin.bind.Fixture.call;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import virga.component.TrapException;
import virga.component.runtime.Item;
import virga.component.types.ResourceType;
import virga.component.values.Value;
import virga.component.wit.WitException;
import virga.component.wit.WitTypes;
import virga.plugin.HostPlugin;
import virga.plugin.Result;
import virga.plugin.WitWorld;

/** Resources through typed bindings: handles, ownership, drops and the per-instance scope. */
class ResourceBindingsTest {
  /** The plugin's object behind a {@code bucket} handle. */
  static final class Bucket implements AutoCloseable {
    final String name;
    final Map<String, byte[]> data = new HashMap<>();
    int closed;

    Bucket(String name) {
      this.name = name;
    }

    @Override
    public void close() {
      closed++;
    }
  }

  /** Serves test:bind/store. */
  public static class Store {
    final List<Bucket> made = new ArrayList<>();

    public Bucket newBucket(String name) {
      if (name.equals("null")) {
        return null;
      }
      Bucket b = new Bucket(name);
      made.add(b);
      return b;
    }

    public Optional<byte[]> bucketGet(Bucket self, String key) {
      if (key.equals("boom")) {
        throw new IllegalStateException("backend down");
      }
      return Optional.ofNullable(self.data.get(key));
    }

    public void bucketSet(Bucket self, String key, byte[] value) {
      self.data.put(key, value);
    }

    public Result<Bucket, Fixture.Error> bucketOpen(String name) {
      return name.isEmpty() ? Result.err(new Fixture.Error.NotFound()) : Result.ok(newBucket(name));
    }

    public long size(Bucket b) {
      return b.data.size();
    }

    public String consume(Bucket b) {
      return b.name + " consumed";
    }
  }

  private final Store store = new Store();
  private final TypedBindings bindings = new TypedBindings(List.of(Fixture.WIT), List.of());
  private final ResourceType bucket;

  ResourceBindingsTest() {
    bindings.implement(Fixture.STORE, store);
    bucket = bindings.types().resource(Fixture.STORE, "bucket");
  }

  @Test
  void constructorsMethodsAndStaticsWorkOnThePluginsObjects() {
    ResourceScope scope = new ResourceScope();
    Item.Instance i = bindings.instance(Fixture.STORE, scope);
    Value.Own own = (Value.Own) call(i, "[constructor]bucket", Value.string("b1"));
    assertThat(own.type()).isSameAs(bucket);
    assertThat(own.rep()).isInstanceOf(Handle.class);
    assertThat(((Handle) own.rep()).target()).isSameAs(store.made.get(0));
    assertThat(scope.size()).isEqualTo(1);

    Value.Borrow self = Value.borrow(bucket, own.rep());
    Value bytes = Value.list(Value.u8(104), Value.u8(105));
    assertThat(call(i, "[method]bucket.set", self, Value.string("k"), bytes)).isNull();
    assertThat(call(i, "[method]bucket.get", self, Value.string("k"))).isEqualTo(Value.some(bytes));
    assertThat(call(i, "[method]bucket.get", self, Value.string("x"))).isEqualTo(Value.none());
    assertThat(call(i, "size", self)).isEqualTo(Value.u32(1));
    assertThat(new String(store.made.get(0).data.get("k"), StandardCharsets.US_ASCII))
        .isEqualTo("hi");

    Value.ResultValue opened =
        (Value.ResultValue) call(i, "[static]bucket.open", Value.string("b2"));
    assertThat(opened.isOk()).isTrue();
    assertThat(((Value.Own) opened.payload()).type()).isSameAs(bucket);
    assertThat(scope.size()).isEqualTo(2);
    assertThat(call(i, "[static]bucket.open", Value.string("")))
        .isEqualTo(Value.err(Value.variant("not-found")));
  }

  @Test
  void theGuestsDropClosesTheObjectOnceAndAnOwnParameterHandsItBack() throws Exception {
    ResourceScope scope = new ResourceScope();
    Item.Instance i = bindings.instance(Fixture.STORE, scope);
    Value.Own a = (Value.Own) call(i, "[constructor]bucket", Value.string("a"));
    Value.Own b = (Value.Own) call(i, "[constructor]bucket", Value.string("b"));
    // what the engine does when the guest drops its own handle of a host resource
    ((AutoCloseable) a.rep()).close();
    ((AutoCloseable) a.rep()).close();
    assertThat(store.made.get(0).closed).isEqualTo(1);
    assertThat(scope.size()).isEqualTo(1);

    assertThat(call(i, "consume", b)).isEqualTo(Value.string("b consumed"));
    assertThat(scope.size()).isZero();
    assertThat(store.made.get(1).closed).isZero();
  }

  @Test
  void closingTheScopeClosesWhatTheGuestStillHoldsAndLaterHandlesTrap() {
    ResourceScope scope = new ResourceScope();
    Item.Instance i = bindings.instance(Fixture.STORE, scope);
    call(i, "[constructor]bucket", Value.string("a"));
    call(i, "[constructor]bucket", Value.string("b"));
    scope.close();
    assertThat(store.made).extracting(x -> x.closed).containsExactly(1, 1);
    assertThat(scope.size()).isZero();
    assertThatThrownBy(() -> call(i, "[constructor]bucket", Value.string("c")))
        .isInstanceOf(TrapException.class)
        .hasMessage(
            "test:bind/store@1.0.0#[constructor]bucket returned an unusable result: plugin"
                + " resource bucket created after its instance ended");
    // the object made for the refused handle is closed too
    assertThat(store.made).extracting(x -> x.closed).containsExactly(1, 1, 1);
  }

  @Test
  void aGuestHoldingTooManyHandlesTraps() {
    Item.Instance i = bindings.instance(Fixture.STORE, new ResourceScope(1));
    call(i, "[constructor]bucket", Value.string("a"));
    assertThatThrownBy(() -> call(i, "[constructor]bucket", Value.string("b")))
        .isInstanceOf(TrapException.class)
        .hasMessageEndingWith("plugin resource limit reached: 1 live resources in this instance");
    assertThat(store.made).extracting(x -> x.closed).containsExactly(0, 1);
  }

  @Test
  void failuresTrapNamingTheFunction() {
    Item.Instance i = bindings.instance(Fixture.STORE, new ResourceScope());
    Value.Own own = (Value.Own) call(i, "[constructor]bucket", Value.string("a"));
    assertThatThrownBy(
            () ->
                call(
                    i, "[method]bucket.get", Value.borrow(bucket, own.rep()), Value.string("boom")))
        .isInstanceOf(TrapException.class)
        .hasMessage(
            "test:bind/store@1.0.0#[method]bucket.get: java.lang.IllegalStateException: backend"
                + " down")
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> call(i, "size", Value.borrow(bucket, "not a bucket")))
        .isInstanceOf(TrapException.class)
        .hasMessage(
            "test:bind/store@1.0.0#size: argument b does not fit: resource bucket holds a"
                + " java.lang.String, not a virga.plugin.bind.ResourceBindingsTest$Bucket");
    assertThatThrownBy(() -> call(i, "[constructor]bucket", Value.string("null")))
        .isInstanceOf(TrapException.class)
        .hasMessage(
            "test:bind/store@1.0.0#[constructor]bucket returned an unusable result: a null bucket"
                + " resource");
  }

  private static final String DEP_IO =
      "package dep:io@0.2.0; interface streams { resource input-stream; }";
  private static final String READER =
      """
      package t:reader@1.0.0;
      interface reader {
        use dep:io/streams@0.2.0.{input-stream};
        read-all: func(s: borrow<input-stream>) -> list<u8>;
        open: func() -> input-stream;
      }
      """;

  /** Serves t:reader/reader over a stream type some other part of the host owns. */
  public static class Reader {
    final StringBuilder stream = new StringBuilder("xy");

    public byte[] readAll(StringBuilder s) {
      return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public StringBuilder open() {
      return stream;
    }
  }

  @Test
  void resourcesUsedFromADependencyKeepTheirTypeAndPassThroughUnwrapped() {
    WitTypes base = WitTypes.parse(List.of(DEP_IO));
    TypedBindings b = new TypedBindings(TypedBindings.resolve(List.of(READER), base));
    Reader reader = new Reader();
    b.implement("t:reader/reader", reader);
    ResourceType stream = base.resource("dep:io/streams", "input-stream");
    assertThat(b.types().resource("t:reader/reader", "input-stream")).isSameAs(stream);

    ResourceScope scope = new ResourceScope();
    Item.Instance i = b.instance("t:reader/reader@1.0.0", scope);
    assertThat(call(i, "open")).isEqualTo(Value.own(stream, reader.stream));
    assertThat(scope.size()).isZero();
    assertThat(call(i, "read-all", Value.borrow(stream, reader.stream)))
        .isEqualTo(Value.list(Value.u8('x'), Value.u8('y')));
    assertThat(i.exports()).containsKeys("input-stream", "read-all", "open");
  }

  @Test
  void dependencyTextsResolveTogetherAndConflictingPackageVersionsAreRefused() {
    TypedBindings b = new TypedBindings(List.of(READER, READER), List.of(DEP_IO));
    b.implement("t:reader/reader", new Reader());
    assertThat(b.interfaces()).containsExactly("t:reader/reader@1.0.0");
    assertThatThrownBy(
            () ->
                TypedBindings.resolve(
                    List.of(READER, READER.replace("1.0.0;", "1.1.0;")), List.of(DEP_IO)))
        .isInstanceOf(WitException.class)
        .hasMessage(
            "two WIT documents declare t:reader, at versions 1.0.0 and 1.1.0: one version per"
                + " package");
  }

  @Test
  void witCollectsEveryPluginsDocuments() {
    assertThat(
            TypedBindings.wit(List.of(plugin("a", List.of("x", "y")), plugin("b", List.of("z")))))
        .containsExactly("x", "y", "z");
  }

  private static HostPlugin plugin(String id, List<String> wit) {
    return new HostPlugin() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public WitWorld world() {
        return WitWorld.serving();
      }

      @Override
      public List<String> wit() {
        return wit;
      }
    };
  }
}
