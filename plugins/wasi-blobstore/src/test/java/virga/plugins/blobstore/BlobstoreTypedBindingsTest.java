package virga.plugins.blobstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import virga.component.runtime.ComponentFunction;
import virga.component.runtime.Item;
import virga.component.types.ResourceType;
import virga.component.values.Value;
import virga.component.values.Wave;
import virga.plugin.WitInterface;
import virga.plugin.bind.ResourceScope;
import virga.plugin.bind.TypedBindings;
import virga.plugin.testing.TestItem;
import virga.plugin.testing.TestPluginContext;
import virga.wasi.Wasi;
import virga.wasi.io.HostInputStream;
import virga.wasi.io.HostOutputStream;

/**
 * The plugin registered through the real typed bindings over the host's WASI types: the {@code
 * wasi:io} streams it hands out are the host's own stream resource type.
 */
class BlobstoreTypedBindingsTest {
  private final WasiBlobstorePlugin plugin = new WasiBlobstorePlugin();
  private final TypedBindings bindings =
      new TypedBindings(TypedBindings.resolve(plugin.wit(), Wasi.types()));
  private final ResourceScope scope = new ResourceScope();

  private Item.Instance instance(String iface) {
    return bindings.instance(iface, scope);
  }

  private static ComponentFunction fn(Item.Instance i, String name) {
    return ((Item.Func) i.exports().get(name)).function();
  }

  @Test
  void aGuestWritesAndReadsThroughTheWitGlueWithTheHostsStreamTypes() throws Exception {
    plugin.start(new TestPluginContext());
    TestItem item =
        TestItem.component("w1", "api", WasiBlobstorePlugin.servedWorld()).forwardingTo(bindings);
    plugin.onWorkloadItemBind(
        item,
        Set.of(
            WitInterface.parse("wasi:blobstore/blobstore@0.2.0-draft")
                .withConfig(Map.of("buckets", "files"))));
    assertThat(bindings.interfaces())
        .containsExactlyInAnyOrder(
            WasiBlobstorePlugin.TYPES,
            WasiBlobstorePlugin.CONTAINER,
            WasiBlobstorePlugin.BLOBSTORE);

    Item.Instance blobstore = instance(WasiBlobstorePlugin.BLOBSTORE);
    Item.Instance container = instance(WasiBlobstorePlugin.CONTAINER);
    Item.Instance types = instance(WasiBlobstorePlugin.TYPES);

    Value created = fn(blobstore, "create-container").call(Value.string("files"));
    assertThat(((Value.ResultValue) created).isOk()).isTrue();
    Value refused = fn(blobstore, "create-container").call(Value.string("other"));
    assertThat(Wave.print(fn(blobstore, "create-container").type().result(), refused))
        .isEqualTo(
            "err(\"container \\'other\\' is not in this workload\\'s buckets allow-list (files)\")");
    Value c = ((Value.ResultValue) created).payload();

    Value v = fn(types, "[static]outgoing-value.new-outgoing-value").call();
    Value body =
        ((Value.ResultValue)
                fn(types, "[method]outgoing-value.outgoing-value-write-body").call(borrow(v)))
            .payload();
    ResourceType outputStream = Wasi.types().resource("wasi:io/streams", "output-stream");
    assertThat(((Value.Own) body).type()).isSameAs(outputStream);
    HostOutputStream out = (HostOutputStream) ((Value.Own) body).rep();
    out.write("through the glue".getBytes());
    out.close();
    assertThat(
            print(
                container, "[method]container.write-data", borrow(c), Value.string("k"), borrow(v)))
        .isEqualTo("ok");
    assertThat(print(types, "[static]outgoing-value.finish", v)).isEqualTo("ok");

    Value got =
        ((Value.ResultValue)
                fn(container, "[method]container.get-data")
                    .call(borrow(c), Value.string("k"), Value.u64(0), Value.u64(-1L)))
            .payload();
    assertThat(print(types, "[method]incoming-value.size", borrow(got))).isEqualTo("16");
    Value stream =
        ((Value.ResultValue)
                fn(types, "[static]incoming-value.incoming-value-consume-async").call(got))
            .payload();
    assertThat(((Value.Own) stream).type())
        .isSameAs(Wasi.types().resource("wasi:io/streams", "input-stream"));
    HostInputStream in = (HostInputStream) ((Value.Own) stream).rep();
    assertThat(new String(BlobstoreConformance.readSome(in))).isEqualTo("through the glue");
    in.close();
    scope.close();
    plugin.stop();
  }

  @Test
  void unknownBackendsAndMissingSettingsFailTheStartClearly() {
    assertThatThrownBy(
            () -> new WasiBlobstorePlugin().start(new TestPluginContext(Map.of("backend", "s3"))))
        .hasMessage(
            "plugin wasi-blobstore settings: unknown backend 's3' (known: in-memory, filesystem,"
                + " nats)");
    assertThatThrownBy(
            () ->
                new WasiBlobstorePlugin()
                    .start(new TestPluginContext(Map.of("backend", "filesystem"))))
        .hasMessage(
            "plugin wasi-blobstore settings: backend filesystem needs 'root', the directory that"
                + " holds the containers");
    assertThatThrownBy(
            () -> new WasiBlobstorePlugin().start(new TestPluginContext(Map.of("backend", "nats"))))
        .hasMessage(
            "plugin wasi-blobstore settings: backend nats needs a NATS connection (give the host"
                + " --data-nats-url, or 'url' for a named instance)");
  }

  private static Value borrow(Value own) {
    Value.Own o = (Value.Own) own;
    return Value.borrow(o.type(), o.rep());
  }

  private static String print(Item.Instance i, String name, Value... args) {
    ComponentFunction f = fn(i, name);
    return Wave.print(f.type().result(), f.call(args));
  }
}
