package virga.plugins.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import virga.component.types.ResourceType;
import virga.component.values.Value;
import virga.plugin.PluginContext;
import virga.plugin.Result;
import virga.plugin.WitInterface;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadFailureSink;
import virga.plugin.bind.ResourceScope;
import virga.plugin.bind.TypedBindings;
import virga.plugin.testing.TestItem;
import virga.plugins.secrets.SecretReveal.SecretValue;
import virga.plugins.secrets.SecretStore.SecretsError;

class WasmcloudSecretsPluginTest {
  private static final String VALUE = "s3cr3t-Pa55w0rd-7f1c";

  private final WasmcloudSecretsPlugin plugin = new WasmcloudSecretsPlugin();

  static TestItem item(String workloadId, String name) {
    return TestItem.component(
        workloadId,
        name,
        new WitWorld(
            Set.of(
                WitInterface.parse(WasmcloudSecretsPlugin.STORE),
                WitInterface.parse(WasmcloudSecretsPlugin.REVEAL)),
            Set.of()));
  }

  static WitInterface dynamic(Map<String, String> config) {
    return WitInterface.parse("wasmcloud:secrets/store,reveal@2.1.0").withConfig(config);
  }

  static WitInterface labeled(String label, Map<String, String> config) {
    return WitInterface.parse(WasmcloudSecretsPlugin.SECRET).withName(label).withConfig(config);
  }

  private static SecretStore store(TestItem item) {
    return (SecretStore) item.implementation(WasmcloudSecretsPlugin.STORE);
  }

  private static SecretReveal reveal(TestItem item) {
    return (SecretReveal) item.implementation(WasmcloudSecretsPlugin.REVEAL);
  }

  private static String revealed(TestItem item, Secret s) {
    return ((SecretValue.String) reveal(item).reveal(s)).value();
  }

  @Test
  void servesStoreRevealAndSecretAt210WithTheSynchronousWit() {
    assertThat(plugin.id()).isEqualTo("wasmcloud-secrets");
    assertThat(plugin.world().imports())
        .containsExactlyInAnyOrder(
            WitInterface.parse("wasmcloud:secrets/store,reveal@2.1.0"),
            WitInterface.parse("wasmcloud:secrets/secret@2.1.0"));
    assertThat(plugin.supportsNamedInstances()).isTrue();
    assertThat(plugin.wit().get(0))
        .contains("package wasmcloud:secrets@2.1.0;\n")
        .contains("  get: func(key: string) -> result<secret, secrets-error>;\n")
        .contains("  reveal: func(s: borrow<secret>) -> secret-value;\n")
        .contains("  get: func() -> secret;\n")
        .doesNotContain(": async func");
  }

  @Test
  void getReturnsAnOpaqueSecretThatRevealUnwraps() {
    TestItem api = item("w-1", "api");
    plugin.onWorkloadItemBind(api, Set.of(dynamic(Map.of("DB_PASSWORD", VALUE))));

    Result<Secret, SecretsError> got = store(api).get("DB_PASSWORD");
    assertThat(got.isOk()).isTrue();
    assertThat(got.value().toString()).isEqualTo("Secret[redacted]");
    assertThat(revealed(api, got.value())).isEqualTo(VALUE);
    assertThat(store(api).get("MISSING")).isEqualTo(Result.err(new SecretsError.NotFound()));
  }

  @Test
  void eachItemSeesOnlyItsOwnEntriesAndUnbindWipesThem() {
    TestItem api = item("w-1", "api");
    TestItem worker = item("w-1", "worker");
    TestItem other = item("w-2", "api");
    plugin.onWorkloadItemBind(api, Set.of(dynamic(Map.of("A", "a-value"))));
    plugin.onWorkloadItemBind(worker, Set.of(dynamic(Map.of("B", "b-value"))));
    plugin.onWorkloadItemBind(other, Set.of(dynamic(Map.of("A", "other-a"))));

    assertThat(store(worker).get("A")).isEqualTo(Result.err(new SecretsError.NotFound()));
    assertThat(revealed(other, store(other).get("A").value())).isEqualTo("other-a");
    Secret held = store(api).get("A").value();

    plugin.onWorkloadUnbind("w-1", Set.of());
    plugin.onWorkloadUnbind("w-1", Set.of()); // idempotent

    assertThat(plugin.boundKeys("w-1", "api")).isZero();
    assertThat(plugin.boundKeys("w-1", "worker")).isZero();
    assertThat(plugin.boundKeys("w-2", "api")).isEqualTo(1);
    // a handle the guest still held is overwritten too; the store finds nothing any more
    assertThat(held.isClosed()).isTrue();
    assertThat(store(api).get("A")).isEqualTo(Result.err(new SecretsError.NotFound()));
  }

  @Test
  void closingASecretOverwritesItsCopy() throws Exception {
    ItemSecrets secrets = new ItemSecrets(Map.of("K", VALUE));
    Secret s = secrets.secret("K");
    var field = Secret.class.getDeclaredField("utf8");
    field.setAccessible(true);
    byte[] copy = (byte[]) field.get(s);
    assertThat(new String(copy, StandardCharsets.UTF_8)).isEqualTo(VALUE);

    s.close();

    assertThat(copy).containsOnly((byte) 0);
    assertThatThrownBy(s::reveal).hasMessage("secret already dropped");
  }

  @Test
  void aDuplicateKeyAcrossUnnamedEntriesFailsTheBindWithoutTheValues() {
    TestItem api = item("w-1", "api");
    WitInterface a = dynamic(Map.of("K", VALUE));
    WitInterface b =
        WitInterface.parse("wasmcloud:secrets/store@2.1.0").withConfig(Map.of("K", VALUE + "2"));

    assertThatThrownBy(() -> plugin.onWorkloadItemBind(api, Set.of(a, b)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "secret key \"K\" is set by more than one binding for component 'api' in workload"
                + " 'shop'")
        .message()
        .doesNotContain(VALUE);
  }

  @Test
  void aLabeledSecretReadsTheConfigKeyNamedByItsLabel() {
    TestItem api = item("w-1", "api");
    plugin.onWorkloadItemBind(
        api, Set.of(labeled("db-password", Map.of("db-password", VALUE, "other", "x"))));

    LabeledSecret secret = (LabeledSecret) api.implementation(WasmcloudSecretsPlugin.SECRET);
    assertThat(secret.label()).isEqualTo("db-password");
    assertThat(revealed(api, secret.get())).isEqualTo(VALUE);
    // a labeled-only component gets reveal but no key-addressed store
    assertThat(api.implementation(WasmcloudSecretsPlugin.STORE)).isNull();
  }

  @Test
  void aLabelWithoutItsConfigKeyFailsTheBind() {
    TestItem api = item("w-1", "api");
    assertThatThrownBy(
            () ->
                plugin.onWorkloadItemBind(
                    api, Set.of(labeled("db-password", Map.of("DB_PASSWORD", VALUE)))))
        .hasMessage(
            "component 'api' requires secret \"db-password\" but it was not provided in its"
                + " resolved bind-time config");
  }

  @Test
  void twoLabelsOnOneComponentAreRefusedWithAClearError() {
    TestItem api = item("w-1", "api");
    assertThatThrownBy(
            () ->
                plugin.onWorkloadItemBind(
                    api,
                    Set.of(labeled("a", Map.of("a", VALUE)), labeled("b", Map.of("b", VALUE)))))
        .hasMessageContaining("imports 2 labeled wasmcloud:secrets/secret instances [a, b]")
        .message()
        .doesNotContain(VALUE);
  }

  @Test
  void theValueNeverAppearsInLogsErrorsOrMeters() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    plugin.start(context(registry));
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    List<String> errors = new ArrayList<>();
    try (PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(tee);
      System.setErr(tee);
      TestItem api = item("w-1", "api");
      plugin.onWorkloadItemBind(api, Set.of(dynamic(Map.of("K", VALUE))));
      Secret s = store(api).get("K").value();
      errors.add(String.valueOf(s));
      errors.add(String.valueOf(reveal(api).reveal(s)));
      errors.add(String.valueOf(store(api).get("nope")));
      for (Set<WitInterface> bad :
          List.of(
              Set.of(
                  dynamic(Map.of("K", VALUE)),
                  WitInterface.parse(WasmcloudSecretsPlugin.STORE).withConfig(Map.of("K", VALUE))),
              Set.of(labeled("x", Map.of("y", VALUE))),
              Set.of(labeled("a", Map.of("a", VALUE)), labeled("b", Map.of("b", VALUE))))) {
        try {
          plugin.onWorkloadItemBind(item("w-2", "bad"), bad);
        } catch (RuntimeException e) {
          errors.add(String.valueOf(e));
        }
      }
      plugin.onWorkloadUnbind("w-1", Set.of());
    } finally {
      System.setOut(out);
      System.setErr(err);
    }

    assertThat(errors).hasSize(6).allSatisfy(e -> assertThat(e).doesNotContain(VALUE));
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain(VALUE);
    assertThat(registry.getMeters()).isNotEmpty();
    for (Meter m : registry.getMeters()) {
      assertThat(m.getId().toString()).doesNotContain(VALUE).doesNotContain("\"K\"");
    }
    assertThat(
            registry
                .get("virga.wasmcloud.secrets.calls")
                .tags("function", "get", "outcome", "found")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(
            registry
                .get("virga.wasmcloud.secrets.calls")
                .tags("function", "get", "outcome", "not-found")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void getAndRevealWorkThroughTheWitGlue() {
    TypedBindings bindings = new TypedBindings(plugin.wit(), List.of());
    TestItem api = item("w-1", "api").forwardingTo(bindings);
    plugin.onWorkloadItemBind(api, Set.of(dynamic(Map.of("K", VALUE))));
    ResourceScope scope = new ResourceScope();
    var storeInstance = bindings.instance(WasmcloudSecretsPlugin.STORE, scope);
    var revealInstance = bindings.instance(WasmcloudSecretsPlugin.REVEAL, scope);
    ResourceType secretType = bindings.types().resource(WasmcloudSecretsPlugin.STORE, "secret");

    Value.ResultValue got = (Value.ResultValue) call(storeInstance, "get", Value.string("K"));
    assertThat(got.isOk()).isTrue();
    Value.Own own = (Value.Own) got.payload();
    Value.VariantValue value =
        (Value.VariantValue) call(revealInstance, "reveal", Value.borrow(secretType, own.rep()));
    assertThat(value.caseName()).isEqualTo("string");
    assertThat(((Value.Str) value.payload()).value()).isEqualTo(VALUE);

    Value.ResultValue missing =
        (Value.ResultValue) call(storeInstance, "get", Value.string("missing"));
    assertThat(missing.isOk()).isFalse();
    assertThat(((Value.VariantValue) missing.payload()).caseName()).isEqualTo("not-found");

    // the instance ending closes what the guest still holds: the copy is overwritten
    assertThat(scope.size()).isEqualTo(1);
    scope.close();
    assertThat(scope.size()).isZero();
  }

  private static Value call(virga.component.runtime.Item.Instance i, String f, Value... args) {
    return ((virga.component.runtime.Item.Func) i.exports().get(f)).function().call(args);
  }

  private static PluginContext context(SimpleMeterRegistry registry) {
    return new PluginContext() {
      @Override
      public String hostId() {
        return "host-1";
      }

      @Override
      public io.micrometer.core.instrument.MeterRegistry meterRegistry() {
        return registry;
      }

      @Override
      public WorkloadFailureSink failureSink() {
        return null;
      }

      @Override
      public Optional<Object> shared(Class type) {
        return Optional.empty();
      }
    };
  }
}
