package virga.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import virga.crds.v1alpha1.ConfigLayer;
import virga.crds.v1alpha1.HostInterface;
import virga.crds.v1alpha1.LocalObjectReference;
import virga.crds.v1alpha1.LocalResources;
import virga.crds.v1alpha1.WorkloadComponent;
import virga.crds.v1alpha1.WorkloadSpec;
import virga.protocol.manifest.ConfigMaterializer;
import virga.protocol.manifest.ConfigRef;
import virga.protocol.manifest.MissingConfigException;

public class ConfigMaterializerTest {
  private final InMemoryConfigSource source = new InMemoryConfigSource();

  public static LocalObjectReference ref(String name) {
    LocalObjectReference r = new LocalObjectReference();
    r.setName(name);
    return r;
  }

  static ConfigLayer layer(Map<String, String> config, List<String> cms, List<String> secrets) {
    ConfigLayer l = new ConfigLayer();
    l.setConfig(config);
    l.setConfigFrom(cms.stream().map(ConfigMaterializerTest::ref).toList());
    l.setSecretFrom(secrets.stream().map(ConfigMaterializerTest::ref).toList());
    return l;
  }

  @Test
  void precedenceIsConfigThenConfigMapsInOrderThenSecretsInOrder() throws Exception {
    source.configMap("ns", "cm1", Map.of("a", "cm1", "b", "cm1", "c", "cm1", "d", "cm1"));
    source.configMap("ns", "cm2", Map.of("b", "cm2", "c", "cm2", "d", "cm2"));
    source.secret("ns", "s1", Map.of("c", "s1", "d", "s1"));
    source.secret("ns", "s2", Map.of("d", "s2"));

    Map<String, String> out =
        ConfigMaterializer.materialize(
            SpecTrees.of(
                layer(
                    Map.of("a", "inline", "z", "inline"),
                    List.of("cm1", "cm2"),
                    List.of("s1", "s2"))),
            "ns",
            source);

    assertThat(out)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("z", "inline", "a", "cm1", "b", "cm2", "c", "s1", "d", "s2"));
  }

  @Test
  void aMissingObjectIsNamedByKindNamespaceAndName() {
    source.configMap("ns", "cm1", Map.of("a", "1"));

    assertThatThrownBy(
            () ->
                ConfigMaterializer.materialize(
                    SpecTrees.of(layer(null, List.of("cm1"), List.of("nope"))), "ns", source))
        .isInstanceOf(MissingConfigException.class)
        .hasMessage("Secret ns/nope not found")
        .satisfies(
            e ->
                assertThat(((MissingConfigException) e).ref())
                    .isEqualTo(ConfigRef.secret("ns", "nope")));
  }

  @Test
  void secretDataIsBase64AndUtf8Decoded() throws Exception {
    String encoded = Base64.getEncoder().encodeToString("grüße".getBytes(StandardCharsets.UTF_8));
    Map<String, String> decoded =
        KubernetesConfigSource.decode(ConfigRef.secret("ns", "s"), Map.of("k", encoded));
    assertThat(decoded).containsEntry("k", "grüße");

    assertThatThrownBy(
            () ->
                KubernetesConfigSource.decode(
                    ConfigRef.secret("ns", "s"), Map.of("k", "not base64 hunter2!")))
        .isInstanceOf(MissingConfigException.class)
        .hasMessageContaining("Secret ns/s key k")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void referencesCoverHostInterfacesComponentsAndServiceWithoutDuplicates() {
    WorkloadSpec spec = spec();
    assertThat(ConfigHash.references(spec, "ns"))
        .containsExactly(
            ConfigRef.configMap("ns", "hi-cm"),
            ConfigRef.secret("ns", "hi-secret"),
            ConfigRef.configMap("ns", "env-cm"));
  }

  @Test
  void contentHashChangesWithReferencedDataOnlyAndHoldsNoValues() throws Exception {
    source.configMap("ns", "hi-cm", Map.of("k", "v1"));
    source.secret("ns", "hi-secret", Map.of("password", "hunter2"));
    source.configMap("ns", "env-cm", Map.of("e", "1"));
    source.configMap("ns", "unrelated", Map.of("x", "1"));
    WorkloadSpec spec = spec();

    String h1 = ConfigHash.contentHash(spec, "ns", source);
    source.configMap("ns", "unrelated", Map.of("x", "2"));
    assertThat(ConfigHash.contentHash(spec, "ns", source)).isEqualTo(h1);

    source.configMap("ns", "hi-cm", Map.of("k", "v2"));
    String h2 = ConfigHash.contentHash(spec, "ns", source);
    assertThat(h2).isNotEqualTo(h1).doesNotContain("hunter2").hasSize(32);

    source.secret("ns", "hi-secret", Map.of("password", "hunter3"));
    assertThat(ConfigHash.contentHash(spec, "ns", source)).isNotEqualTo(h2);
  }

  public static WorkloadSpec spec() {
    HostInterface hi = new HostInterface();
    hi.setNamespace("wasi");
    hi.setPackageName("config");
    hi.setInterfaces(List.of("store"));
    hi.setConfigFrom(List.of(ref("hi-cm")));
    hi.setSecretFrom(List.of(ref("hi-secret")));
    LocalResources lr = new LocalResources();
    lr.setEnvironment(layer(null, List.of("env-cm", "hi-cm"), List.of()));
    WorkloadComponent c = new WorkloadComponent();
    c.setName("c");
    c.setImage("ghcr.io/x/y:1");
    c.setLocalResources(lr);
    WorkloadSpec spec = new WorkloadSpec();
    spec.setHostInterfaces(List.of(hi));
    spec.setComponents(List.of(c));
    return spec;
  }
}
