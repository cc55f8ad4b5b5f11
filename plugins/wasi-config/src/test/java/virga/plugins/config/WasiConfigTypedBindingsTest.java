package virga.plugins.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import virga.component.runtime.ComponentFunction;
import virga.component.runtime.Item;
import virga.component.values.Value;
import virga.component.values.Wave;
import virga.plugin.WitInterface;
import virga.plugin.bind.ResourceScope;
import virga.plugin.bind.TypedBindings;
import virga.plugin.testing.TestItem;

/** The store registered through the real typed bindings and called as a guest would call it. */
class WasiConfigTypedBindingsTest {
  private final WasiConfigPlugin plugin = new WasiConfigPlugin();
  private final TypedBindings bindings = new TypedBindings(plugin.wit(), List.of());

  private ComponentFunction function(String name) {
    Item.Instance store = bindings.instance(WasiConfigPlugin.STORE, new ResourceScope());
    return ((Item.Func) store.exports().get(name)).function();
  }

  private static String call(ComponentFunction f, Value... args) {
    return Wave.print(f.type().result(), f.call(args));
  }

  @Test
  void getAndGetAllAnswerThroughTheWitGlue() {
    TestItem api = WasiConfigPluginTest.item("w-1", "api").forwardingTo(bindings);
    api.config().put("greeting", "hi");
    api.environment().put("REGION", "eu");

    plugin.onWorkloadItemBind(
        api,
        Set.of(WitInterface.parse(WasiConfigPlugin.STORE).withConfig(Map.of("greeting", "iface"))));

    assertThat(bindings.interfaces()).containsExactly("wasi:config/store@0.2.0-rc.1");
    assertThat(call(function("get"), Value.string("greeting"))).isEqualTo("ok(some(\"hi\"))");
    assertThat(call(function("get"), Value.string("missing"))).isEqualTo("ok(none)");
    assertThat(call(function("get-all")))
        .isEqualTo("ok([(\"REGION\", \"eu\"), (\"greeting\", \"hi\")])");

    api.config().put("greeting", "hello");
    plugin.onWorkloadConfigUpdate(api, Set.of(WitInterface.parse(WasiConfigPlugin.STORE)));

    assertThat(call(function("get"), Value.string("greeting"))).isEqualTo("ok(some(\"hello\"))");
  }
}
