package virga.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import virga.plugin.HostPlugin;
import virga.plugin.WitInterface;
import virga.plugin.WitWorld;

class PluginBinderTest {
  private final List<String> log = new ArrayList<>();
  private final PluginErrors errors = new PluginErrors();

  private static WitInterface entry(String text) {
    return WitInterface.parse(text);
  }

  private static WitInterface named(String text, String name) {
    return WitInterface.parse(text).withName(name);
  }

  private static WitWorld imports(String... interfaces) {
    return WitWorld.serving(interfaces);
  }

  private BoundPlugins bind(FakeWorkload workload, HostPlugin... plugins) {
    return new PluginBinder(List.of(plugins), errors).bind(workload);
  }

  @Test
  void bindsInPluginIdOrderWhateverTheRegistrationOrder() {
    FakeItem api = FakeItem.component("api", imports("acme:a/api@1.0.0", "acme:m/api@1.0.0"));
    FakeWorkload w =
        new FakeWorkload(List.of(entry("acme:m/api@1.0.0"), entry("acme:a/api@1.0.0")), api);

    BoundPlugins bound =
        bind(
            w,
            new FakePlugin("mid", log, "acme:m/api@1.0.0"),
            new FakePlugin("alpha", log, "acme:a/api@1.0.0"));

    assertThat(log)
        .containsExactly(
            "alpha: bind w-1 [acme:a/api@1.0.0]",
            "alpha: item api [acme:a/api@1.0.0]",
            "mid: bind w-1 [acme:m/api@1.0.0]",
            "mid: item api [acme:m/api@1.0.0]");
    assertThat(bound.plugins()).extracting(HostPlugin::id).containsExactly("alpha", "mid");
  }

  @Test
  void workloadBindOnceWithEveryEntryThenItemBindPerItemWithItsOwn() {
    FakeItem api = FakeItem.component("api", imports("wasi:keyvalue/store@0.2.0-draft"));
    FakeItem worker =
        FakeItem.component("worker", imports("wasi:keyvalue/store,atomics@0.2.0-draft"));
    FakeWorkload w =
        new FakeWorkload(
            List.of(
                entry("wasi:keyvalue/store@0.2.0-draft"),
                entry("wasi:keyvalue/atomics@0.2.0-draft")),
            api,
            worker);

    BoundPlugins bound =
        bind(w, new FakePlugin("wasi-keyvalue", log, "wasi:keyvalue/store,atomics@0.2.0-draft"));

    assertThat(log)
        .containsExactly(
            "wasi-keyvalue: bind w-1 [wasi:keyvalue/atomics@0.2.0-draft,"
                + " wasi:keyvalue/store@0.2.0-draft]",
            "wasi-keyvalue: item api [wasi:keyvalue/store@0.2.0-draft]",
            "wasi-keyvalue: item worker [wasi:keyvalue/atomics@0.2.0-draft,"
                + " wasi:keyvalue/store@0.2.0-draft]");
    assertThat(bound.pluginsOf("worker"))
        .extracting(HostPlugin::id)
        .containsExactly("wasi-keyvalue");
    assertThat(bound.interfaces("api", "wasi-keyvalue"))
        .containsExactly(entry("wasi:keyvalue/store@0.2.0-draft"));
  }

  @Test
  void firstPluginInIdOrderTakesAnEntryTheNextOnesDoNotSeeIt() {
    FakeItem api = FakeItem.component("api", imports("wasi:keyvalue/store@0.2.0-draft"));
    FakeWorkload w = new FakeWorkload(List.of(entry("wasi:keyvalue/store@0.2.0-draft")), api);

    bind(
        w,
        new FakePlugin("kv-b", log, "wasi:keyvalue/store@0.2.0-draft"),
        new FakePlugin("kv-a", log, "wasi:keyvalue/store@0.2.0-draft"));

    assertThat(log)
        .containsExactly(
            "kv-a: bind w-1 [wasi:keyvalue/store@0.2.0-draft]",
            "kv-a: item api [wasi:keyvalue/store@0.2.0-draft]");
  }

  @Test
  void anInterfaceNoPluginServesFailsNamingItAndTheComponent() {
    FakeItem api =
        FakeItem.component("api", imports("acme:a/api@1.0.0", "wasi:keyvalue/store@0.2.0-draft"));
    FakeWorkload w =
        new FakeWorkload(
            List.of(entry("acme:a/api@1.0.0"), entry("wasi:keyvalue/store@0.2.0-draft")), api);

    assertThatThrownBy(
            () ->
                bind(
                    w,
                    new FakePlugin("a", log, "acme:a/api@1.0.0"),
                    new FakePlugin("b", log, "acme:b/api@1.0.0")))
        .isInstanceOf(PluginException.class)
        .hasMessage(
            "component 'api' of workload 'shop' requests wasi:keyvalue/store@0.2.0-draft, which no"
                + " plugin on this host serves (plugins: a, b)");
    assertThat(log)
        .containsExactly(
            "a: bind w-1 [acme:a/api@1.0.0]",
            "a: item api [acme:a/api@1.0.0]",
            "a: unbind w-1 [acme:a/api@1.0.0]");
  }

  @Test
  void aServiceNeedingAnUnservedInterfaceIsNamedAsTheService() {
    FakeItem service = FakeItem.service(imports("wasi:blobstore/blobstore@0.2.0-draft"));
    FakeWorkload w =
        new FakeWorkload(List.of(entry("wasi:blobstore/blobstore@0.2.0-draft")), service);

    assertThatThrownBy(() -> bind(w))
        .hasMessage(
            "service 'service' of workload 'shop' requests wasi:blobstore/blobstore@0.2.0-draft,"
                + " which no plugin on this host serves (plugins: none)");
  }

  @Test
  void anEntryNoItemUsesIsIgnored() {
    FakeItem api = FakeItem.component("api", imports("acme:a/api@1.0.0"));
    FakeWorkload w = new FakeWorkload(List.of(entry("wasi:keyvalue/store@0.2.0-draft")), api);

    BoundPlugins bound = bind(w);

    assertThat(bound.plugins()).isEmpty();
  }

  @Test
  void wasiHttpEntriesAreTheHostsNotAPlugins() {
    FakeItem api = FakeItem.component("api", imports().calling("wasi:http/incoming-handler@0.2.0"));
    FakeWorkload w =
        new FakeWorkload(
            List.of(
                entry("wasi:http/incoming-handler@0.2.0").withConfig(Map.of("host", "shop.local"))),
            api);

    assertThat(bind(w).plugins()).isEmpty();
  }

  @Test
  void anInterfaceLinkedInsideTheWorkloadNeedsNoPlugin() {
    FakeItem service = FakeItem.service(imports("wasmcloud:example/cron@0.0.1"));
    FakeItem cron = FakeItem.component("cron", imports().calling("wasmcloud:example/cron@0.0.1"));
    FakeWorkload w =
        new FakeWorkload(List.of(entry("wasmcloud:example/cron@0.0.1")), cron, service);

    assertThat(bind(w).plugins()).isEmpty();
  }

  @Test
  void anItemBindFailureUnbindsEveryPluginBoundSoFarInReverseOrder() {
    FakeItem api =
        FakeItem.component(
            "api", imports("acme:a/api@1.0.0", "acme:b/api@1.0.0", "acme:c/api@1.0.0"));
    FakeWorkload w =
        new FakeWorkload(
            List.of(
                entry("acme:a/api@1.0.0"), entry("acme:b/api@1.0.0"), entry("acme:c/api@1.0.0")),
            api);

    assertThatThrownBy(
            () ->
                bind(
                    w,
                    new FakePlugin("c", log, "acme:c/api@1.0.0").failing("item"),
                    new FakePlugin("a", log, "acme:a/api@1.0.0"),
                    new FakePlugin("b", log, "acme:b/api@1.0.0")))
        .isInstanceOf(PluginException.class)
        .hasMessage(
            "plugin 'c' failed to bind component 'api' of workload 'shop':"
                + " java.lang.IllegalStateException: c fails item")
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(log)
        .containsExactly(
            "a: bind w-1 [acme:a/api@1.0.0]",
            "a: item api [acme:a/api@1.0.0]",
            "b: bind w-1 [acme:b/api@1.0.0]",
            "b: item api [acme:b/api@1.0.0]",
            "c: bind w-1 [acme:c/api@1.0.0]",
            "c: item api [acme:c/api@1.0.0]",
            "c: unbind w-1 [acme:c/api@1.0.0]",
            "b: unbind w-1 [acme:b/api@1.0.0]",
            "a: unbind w-1 [acme:a/api@1.0.0]");
  }

  @Test
  void aWorkloadBindFailureUnbindsThePluginsBeforeItNotItself() {
    FakeItem api = FakeItem.component("api", imports("acme:a/api@1.0.0", "acme:b/api@1.0.0"));
    FakeWorkload w =
        new FakeWorkload(List.of(entry("acme:a/api@1.0.0"), entry("acme:b/api@1.0.0")), api);

    assertThatThrownBy(
            () ->
                bind(
                    w,
                    new FakePlugin("a", log, "acme:a/api@1.0.0").failing("unbind"),
                    new FakePlugin("b", log, "acme:b/api@1.0.0").failing("bind")))
        .hasMessage(
            "plugin 'b' failed to bind workload 'shop': java.lang.IllegalStateException: b fails"
                + " bind");
    assertThat(log)
        .containsExactly(
            "a: bind w-1 [acme:a/api@1.0.0]",
            "a: item api [acme:a/api@1.0.0]",
            "b: bind w-1 [acme:b/api@1.0.0]",
            "a: unbind w-1 [acme:a/api@1.0.0]");
    assertThat(errors.count()).isEqualTo(1);
  }

  @Test
  void unbindGoesPerItemThroughItsPluginsInReverseOrderAndOnlyOnce() {
    FakeItem api = FakeItem.component("api", imports("acme:a/api@1.0.0", "acme:b/api@1.0.0"));
    FakeItem worker = FakeItem.component("worker", imports("acme:b/api@1.0.0"));
    FakeWorkload w =
        new FakeWorkload(
            List.of(entry("acme:a/api@1.0.0"), entry("acme:b/api@1.0.0")), api, worker);
    BoundPlugins bound =
        bind(
            w,
            new FakePlugin("a", log, "acme:a/api@1.0.0"),
            new FakePlugin("b", log, "acme:b/api@1.0.0"));
    log.clear();

    bound.unbind();
    bound.unbind();

    assertThat(log)
        .containsExactly(
            "b: unbind w-1 [acme:b/api@1.0.0]",
            "a: unbind w-1 [acme:a/api@1.0.0]",
            "b: unbind w-1 [acme:b/api@1.0.0]");
    assertThat(bound.isUnbound()).isTrue();
    assertThat(errors.count()).isZero();
  }

  @Test
  void anUnbindFailureIsCountedAndTheOthersStillUnbind() {
    FakeItem api = FakeItem.component("api", imports("acme:a/api@1.0.0", "acme:b/api@1.0.0"));
    FakeWorkload w =
        new FakeWorkload(List.of(entry("acme:a/api@1.0.0"), entry("acme:b/api@1.0.0")), api);
    BoundPlugins bound =
        bind(
            w,
            new FakePlugin("a", log, "acme:a/api@1.0.0"),
            new FakePlugin("b", log, "acme:b/api@1.0.0").failing("unbind"));
    log.clear();

    bound.unbind();

    assertThat(log)
        .containsExactly("b: unbind w-1 [acme:b/api@1.0.0]", "a: unbind w-1 [acme:a/api@1.0.0]");
    assertThat(errors.count()).isEqualTo(1);
  }

  @Test
  void resolvedReachesEveryPluginOfEveryBoundItem() {
    FakeItem api = FakeItem.component("api", imports("acme:a/api@1.0.0", "acme:b/api@1.0.0"));
    FakeItem worker = FakeItem.component("worker", imports("acme:b/api@1.0.0"));
    FakeItem plain = FakeItem.component("plain", imports("acme:z/api@1.0.0"));
    FakeWorkload w =
        new FakeWorkload(
            List.of(entry("acme:a/api@1.0.0"), entry("acme:b/api@1.0.0")), api, worker, plain);
    BoundPlugins bound =
        bind(
            w,
            new FakePlugin("b", log, "acme:b/api@1.0.0"),
            new FakePlugin("a", log, "acme:a/api@1.0.0"));
    log.clear();

    bound.resolved(w);

    assertThat(log).containsExactly("a: resolved api", "b: resolved api", "b: resolved worker");
  }

  @Test
  void aConfigUpdateHandsTheItemsPluginsTheEntriesAsDeclaredNow() {
    FakeItem api = FakeItem.component("api", imports("wasi:config/store@0.2.0-rc.1"));
    WitInterface before =
        entry("wasi:config/store@0.2.0-rc.1").withConfig(Map.of("greeting", "hi"));
    FakeWorkload w = new FakeWorkload(List.of(before), api);
    FakePlugin config = new FakePlugin("wasi-config", log, "wasi:config/store@0.2.0-rc.1");
    BoundPlugins bound = bind(w, config);
    WitInterface after = before.withConfig(Map.of("greeting", "hello"));
    w.replaceHostInterfaces(List.of(after));

    bound.configUpdated(api);

    assertThat(config.lastConfigUpdate).containsExactly(after);
    assertThat(config.lastConfigUpdate.iterator().next().config())
        .isEqualTo(Map.of("greeting", "hello"));
  }

  @Test
  void aFailedConfigUpdateNamesThePlugin() {
    FakeItem api = FakeItem.component("api", imports("wasi:config/store@0.2.0-rc.1"));
    FakeWorkload w = new FakeWorkload(List.of(entry("wasi:config/store@0.2.0-rc.1")), api);
    BoundPlugins bound =
        bind(
            w,
            new FakePlugin("wasi-config", log, "wasi:config/store@0.2.0-rc.1").failing("config"));

    assertThatThrownBy(() -> bound.configUpdated(api))
        .hasMessage(
            "plugin 'wasi-config' failed to update the config of component 'api' of workload"
                + " 'shop': java.lang.IllegalStateException: wasi-config fails config");
  }

  @Test
  void claimsFalseHandsTheEntryToTheNextPlugin() {
    FakeItem api = FakeItem.component("api", imports("wasi:keyvalue/store@0.2.0-draft"));
    FakeWorkload w = new FakeWorkload(List.of(entry("wasi:keyvalue/store@0.2.0-draft")), api);

    bind(
        w,
        new FakePlugin("kv-a", log, "wasi:keyvalue/store@0.2.0-draft").claiming(i -> false),
        new FakePlugin("kv-b", log, "wasi:keyvalue/store@0.2.0-draft"));

    assertThat(log)
        .containsExactly(
            "kv-b: bind w-1 [wasi:keyvalue/store@0.2.0-draft]",
            "kv-b: item api [wasi:keyvalue/store@0.2.0-draft]");
  }

  @Test
  void anEntryNamedAfterAPluginGoesOnlyToThatPlugin() {
    FakeItem api = FakeItem.component("api", imports("wasi:keyvalue/store@0.2.0-draft"));
    FakeWorkload w =
        new FakeWorkload(List.of(named("wasi:keyvalue/store@0.2.0-draft", "kv-b")), api);

    bind(
        w,
        new FakePlugin("kv-a", log, "wasi:keyvalue/store@0.2.0-draft"),
        new FakePlugin("kv-b", log, "wasi:keyvalue/store@0.2.0-draft"));

    assertThat(log)
        .containsExactly(
            "kv-b: bind w-1 [wasi:keyvalue/store@0.2.0-draft (name kv-b)]",
            "kv-b: item api [wasi:keyvalue/store@0.2.0-draft (name kv-b)]");
  }

  @Test
  void anEntryNamedAfterAPluginThatDoesNotServeItFailsSayingSo() {
    FakeItem api = FakeItem.component("api", imports("wasi:keyvalue/store@0.2.0-draft"));
    FakeWorkload w =
        new FakeWorkload(List.of(named("wasi:keyvalue/store@0.2.0-draft", "other")), api);

    assertThatThrownBy(
            () ->
                bind(
                    w,
                    new FakePlugin("kv", log, "wasi:keyvalue/store@0.2.0-draft"),
                    new FakePlugin("other", log, "acme:other/api@1.0.0")))
        .hasMessage(
            "component 'api' of workload 'shop' requests wasi:keyvalue/store@0.2.0-draft (name"
                + " other), which no plugin on this host serves (plugins: kv, other); its name"
                + " routes it to plugin 'other' only, and that plugin does not take it");
  }

  @Test
  void namedEntriesGoToMultiplexersAndUnnamedOnesAvoidThem() {
    FakeItem api = FakeItem.component("api", imports("wasi:keyvalue/store@0.2.0-draft"));
    FakeWorkload w =
        new FakeWorkload(
            List.of(
                named("wasi:keyvalue/store@0.2.0-draft", "cache"),
                entry("wasi:keyvalue/store@0.2.0-draft")),
            api);

    bind(
        w,
        new FakePlugin("a-multiplexed", log, "wasi:keyvalue/store@0.2.0-draft").named(),
        new FakePlugin("b-single", log, "wasi:keyvalue/store@0.2.0-draft"));

    assertThat(log)
        .containsExactly(
            "a-multiplexed: bind w-1 [wasi:keyvalue/store@0.2.0-draft (name cache)]",
            "a-multiplexed: item api [wasi:keyvalue/store@0.2.0-draft (name cache)]",
            "b-single: bind w-1 [wasi:keyvalue/store@0.2.0-draft]",
            "b-single: item api [wasi:keyvalue/store@0.2.0-draft]");
  }

  @Test
  void aMultiplexerServesAnUnnamedEntryWhenNoOtherPluginDoes() {
    FakeItem api = FakeItem.component("api", imports("wasi:keyvalue/store@0.2.0-draft"));
    FakeWorkload w = new FakeWorkload(List.of(entry("wasi:keyvalue/store@0.2.0-draft")), api);

    bind(w, new FakePlugin("kv-multiplexed", log, "wasi:keyvalue/store@0.2.0-draft").named());

    assertThat(log)
        .hasSize(2)
        .first()
        .isEqualTo("kv-multiplexed: bind w-1 [wasi:keyvalue/store@0.2.0-draft]");
  }

  @Test
  void twoNamedEntriesOfOnePackageNeedAPluginWithNamedInstances() {
    FakeItem api = FakeItem.component("api", imports("wasi:keyvalue/store@0.2.0-draft"));
    FakeWorkload w =
        new FakeWorkload(
            List.of(
                named("wasi:keyvalue/store@0.2.0-draft", "sessions"),
                named("wasi:keyvalue/store@0.2.0-draft", "cache")),
            api);

    assertThatThrownBy(() -> bind(w, new FakePlugin("kv", log, "wasi:keyvalue/store@0.2.0-draft")))
        .hasMessage(
            "plugin 'kv' does not support named instances, but workload 'shop' has 2 named entries"
                + " of wasi:keyvalue (names: cache, sessions): register a plugin that supports"
                + " named instances, or keep one entry");
    assertThat(log).isEmpty();
  }

  @Test
  void theVersionWasmCloudDemandsBinds() {
    assertBinds(
        "wasi:config/store@0.2.0-rc.1",
        "wasi:config/store@0.2.0-rc.1",
        "wasi:config/store@0.2.0-rc.1");
  }

  @Test
  void anEntryWithoutVersionBinds() {
    assertBinds(
        "wasi:config/store", "wasi:config/store@0.2.0-rc.1", "wasi:config/store@0.2.0-rc.1");
  }

  @Test
  void aVersionThatIsNotSemverIsAWildcard() {
    assertBinds(
        "wasi:config/store@0.2", "wasi:config/store@0.2.0-rc.1", "wasi:config/store@0.2.0-rc.1");
  }

  @Test
  void aSemverCompatibleReleaseBindsWhereWasmCloudRefuses() {
    assertBinds(
        "wasi:keyvalue/store@0.2.1", "wasi:keyvalue/store@0.2.1", "wasi:keyvalue/store@0.2.0");
  }

  @Test
  void aNewerMinorOfTheSameMajorBinds() {
    assertBinds("acme:db/query@1.4.0", "acme:db/query@1.4.0", "acme:db/query@1.0.2");
  }

  @Test
  void aReleaseDoesNotMatchItsPreRelease() {
    FakeItem api = FakeItem.component("api", imports("wasi:config/store@0.2.0"));
    FakeWorkload w = new FakeWorkload(List.of(entry("wasi:config/store@0.2.0")), api);

    assertThatThrownBy(
            () -> bind(w, new FakePlugin("wasi-config", log, "wasi:config/store@0.2.0-rc.1")))
        .hasMessage(
            "component 'api' of workload 'shop' requests wasi:config/store@0.2.0, which no plugin"
                + " on this host serves (plugins: wasi-config); plugin 'wasi-config' serves"
                + " wasi:config/store@0.2.0-rc.1: declare that version or none");
    assertThat(log).isEmpty();
  }

  @Test
  void anotherMinorVersionBeforeOneDoesNotBind() {
    FakeItem api = FakeItem.component("api", imports("wasi:keyvalue/store@0.3.0"));
    FakeWorkload w = new FakeWorkload(List.of(entry("wasi:keyvalue/store@0.3.0")), api);

    assertThatThrownBy(() -> bind(w, new FakePlugin("kv", log, "wasi:keyvalue/store@0.2.0")))
        .isInstanceOf(PluginException.class)
        .hasMessageStartingWith(
            "component 'api' of workload 'shop' requests wasi:keyvalue/store@0.3.0, which no");
  }

  private void assertBinds(String declared, String imported, String served) {
    FakeItem api = FakeItem.component("api", imports(imported));
    FakeWorkload w = new FakeWorkload(List.of(entry(declared)), api);

    BoundPlugins bound = bind(w, new FakePlugin("p", log, served));

    assertThat(bound.pluginsOf("api")).extracting(HostPlugin::id).containsExactly("p");
    assertThat(bound.interfaces("api", "p")).isEqualTo(Set.of(entry(declared)));
  }
}
