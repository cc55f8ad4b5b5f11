package virga.protocol.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static virga.protocol.manifest.WorkloadMessagesTest.tree;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigMaterializerTest {
  private final MapConfigSource source =
      new MapConfigSource()
          .configMap("ns", "cm1", "a", "cm1", "b", "cm1", "c", "cm1", "d", "cm1")
          .configMap("ns", "cm2", "b", "cm2", "c", "cm2", "d", "cm2")
          .secret("ns", "s1", "c", "s1", "d", "s1")
          .secret("ns", "s2", "d", "s2");

  @Test
  void precedenceIsConfigThenConfigMapsInOrderThenSecretsInOrder() throws Exception {
    JsonNode layer =
        tree(
            "{'config': {'z': 'inline', 'a': 'inline'},"
                + " 'configFrom': [{'name': 'cm1'}, {'name': 'cm2'}],"
                + " 'secretFrom': [{'name': 's1'}, {'name': 's2'}]}");

    assertThat(ConfigMaterializer.materialize(layer, "ns", source))
        .containsExactly(
            Map.entry("z", "inline"),
            Map.entry("a", "cm1"),
            Map.entry("b", "cm2"),
            Map.entry("c", "s1"),
            Map.entry("d", "s2"));
  }

  @Test
  void secretsWinOverConfigMapsWhateverTheirOrderInTheDocument() throws Exception {
    JsonNode layer =
        tree("{'secretFrom': [{'name': 's2'}], 'configFrom': [{'name': 'cm2'}], 'config': {}}");
    assertThat(ConfigMaterializer.materialize(layer, "ns", source))
        .containsExactly(Map.entry("b", "cm2"), Map.entry("c", "cm2"), Map.entry("d", "s2"));
  }

  @Test
  void anAbsentLayerIsEmpty() throws Exception {
    assertThat(ConfigMaterializer.materialize(null, "ns", source)).isEmpty();
    assertThat(ConfigMaterializer.refs(null, "ns")).isEmpty();
  }

  @Test
  void referencesCoverHostInterfacesComponentsAndServiceWithoutDuplicatesNorPullSecrets()
      throws Exception {
    JsonNode spec =
        tree(
            "{'hostInterfaces': [{'namespace': 'wasi', 'package': 'config',"
                + " 'interfaces': ['store'], 'configFrom': [{'name': 'hi-cm'}],"
                + " 'secretFrom': [{'name': 'hi-secret'}]}],"
                + " 'components': [{'name': 'c', 'image': 'i', 'imagePullSecret': {'name': 'pull'},"
                + " 'localResources': {'environment': {'configFrom': [{'name': 'env-cm'},"
                + " {'name': 'hi-cm'}]}}}],"
                + " 'service': {'image': 's', 'localResources': {'environment':"
                + " {'secretFrom': [{'name': 'svc-secret'}]}}}}");

    assertThat(ConfigMaterializer.references(spec, "ns"))
        .containsExactly(
            ConfigRef.configMap("ns", "hi-cm"),
            ConfigRef.secret("ns", "hi-secret"),
            ConfigRef.configMap("ns", "env-cm"),
            ConfigRef.secret("ns", "svc-secret"));
    assertThat(ConfigMaterializer.uses(spec, "ns"))
        .containsExactly(
            new ConfigReference(
                "/hostInterfaces/0/configFrom/0", "configFrom", ConfigRef.configMap("ns", "hi-cm")),
            new ConfigReference(
                "/hostInterfaces/0/secretFrom/0",
                "secretFrom",
                ConfigRef.secret("ns", "hi-secret")),
            new ConfigReference(
                "/components/0/imagePullSecret", "imagePullSecret", ConfigRef.secret("ns", "pull")),
            new ConfigReference(
                "/components/0/localResources/environment/configFrom/0",
                "configFrom",
                ConfigRef.configMap("ns", "env-cm")),
            new ConfigReference(
                "/components/0/localResources/environment/configFrom/1",
                "configFrom",
                ConfigRef.configMap("ns", "hi-cm")),
            new ConfigReference(
                "/service/localResources/environment/secretFrom/0",
                "secretFrom",
                ConfigRef.secret("ns", "svc-secret")));
  }
}
