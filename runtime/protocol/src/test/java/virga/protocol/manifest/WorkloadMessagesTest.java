package virga.protocol.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import virga.protocol.ProtoJson;
import virga.protocol.v2.ImagePullPolicy;

class WorkloadMessagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MapConfigSource source =
      new MapConfigSource()
          .configMap("ns", "hi-cm", "k", "cm", "shared", "cm")
          .secret("ns", "hi-secret", "shared", "secret")
          .configMap("ns", "env-cm", "E", "env")
          .secret(
              "ns",
              "pull",
              PullSecrets.DOCKER_CONFIG_JSON,
              "{\"auths\":{\"ghcr.io\":{\"username\":\"u\",\"password\":\"p\"},"
                  + "\"https://index.docker.io/v1/\":{\"auth\":\"ZHU6ZHA=\"}}}");

  static JsonNode tree(String json) throws Exception {
    return JSON.readTree(json.replace('\'', '"'));
  }

  private static final String FULL_SPEC =
      """
      {'hostInterfaces': [
        {'namespace': 'wasi', 'package': 'config', 'version': '0.2.0-rc.1', 'interfaces': ['store'],
         'config': {'k': 'inline', 'only': 'inline'},
         'configFrom': [{'name': 'hi-cm'}], 'secretFrom': [{'name': 'hi-secret'}]},
        {'name': 'web', 'namespace': 'wasi', 'package': 'http', 'interfaces': ['incoming-handler'],
         'config': {'host': 'hello.local'}}],
       'components': [
        {'name': 'c', 'image': 'ghcr.io/x/y:1', 'imagePullPolicy': 'Always', 'poolSize': 3,
         'maxInvocations': 100, 'maxConcurrency': 2, 'imagePullSecret': {'name': 'pull'},
         'localResources': {
           'environment': {'config': {'E': 'inline'}, 'configFrom': [{'name': 'env-cm'}]},
           'config': {'c': '1'},
           'volumeMounts': [{'name': 'data', 'mountPath': '/data', 'readOnly': true}],
           'allowedHosts': ['*.example.com'], 'allowedIpNameLookups': ['example.com'],
           'allowedHostLoopbackPorts': ['6379/tcp']}}],
       'service': {'image': 'ghcr.io/x/svc:1', 'maxRestarts': 3},
       'volumes': [{'name': 'data', 'ephemeral': {}}, {'name': 'host', 'hostPath': {'path': '/var/x'}}],
       'kubernetes': {'service': {'name': 'web'}}}
      """;

  @Test
  void buildsTheWholeRequestFromASpecTree() throws Exception {
    WorkloadObject w =
        new WorkloadObject(
            "ns",
            "w1",
            MapConfigSource.map(
                "team", "a",
                "kubectl.kubernetes.io/last-applied-configuration", "{}",
                "runtime.wasmcloud.dev/config-hash", "abc"),
            tree(FULL_SPEC));

    String json = ProtoJson.encode(WorkloadMessages.startRequest("uid-1", w, source));

    assertThat(json)
        .isEqualTo(
            ("{'workload':{'namespace':'ns','name':'w1','annotations':{'team':'a'},"
                    + "'service':{'image':'ghcr.io/x/svc:1','localResources':{},'maxRestarts':'3'},"
                    + "'witWorld':{'components':[{'image':'ghcr.io/x/y:1','localResources':{"
                    + "'config':{'c':'1'},'environment':{'E':'env'},"
                    + "'volumeMounts':[{'name':'data','mountPath':'/data','readOnly':true}],"
                    + "'allowedHosts':['*.example.com'],'allowedIpNameLookups':['example.com'],"
                    + "'allowedHostLoopbackPorts':['6379/tcp']},"
                    + "'poolSize':3,'maxInvocations':100,"
                    + "'imagePullSecret':{'username':'u','password':'p'},'name':'c',"
                    + "'imagePullPolicy':'IMAGE_PULL_POLICY_ALWAYS','maxConcurrency':2}],"
                    + "'hostInterfaces':[{'namespace':'wasi','package':'config',"
                    + "'version':'0.2.0-rc.1','interfaces':['store'],"
                    + "'config':{'k':'cm','only':'inline','shared':'secret'}},"
                    + "{'namespace':'wasi','package':'http','interfaces':['incoming-handler'],"
                    + "'config':{'host':'hello.local','host-aliases':'web.ns,web.ns.svc'},"
                    + "'name':'web'}]},"
                    + "'volumes':[{'name':'data','emptyDir':{}},"
                    + "{'name':'host','hostPath':{'localPath':'/var/x'}}]},"
                    + "'workloadId':'uid-1'}")
                .replace('\'', '"'));
  }

  @Test
  void theServiceNamesAreMergedIntoTheUsersHostAliasesNotOverwritingThem() throws Exception {
    JsonNode spec =
        tree(
            "{'hostInterfaces': [{'namespace': 'wasi', 'package': 'http',"
                + " 'interfaces': ['incoming-handler'], 'config': {'host': 'a.local',"
                + " 'host-aliases': ' api.example.com,,web.ns ,shop.internal'}},"
                + " {'namespace': 'wasi', 'package': 'http', 'interfaces': ['handler'],"
                + " 'config': {'host': 'b.local'}},"
                + " {'namespace': 'wasi', 'package': 'http', 'interfaces': ['outgoing-handler']}],"
                + " 'components': [{'name': 'c', 'image': 'i'}],"
                + " 'kubernetes': {'service': {'name': 'web'}}}");
    var w = WorkloadMessages.workload(new WorkloadObject("ns", "w", null, spec), source);
    assertThat(w.getWitWorld().getHostInterfaces(0).getConfigMap())
        .as("the user's aliases first, trimmed; the Service's names once each")
        .containsEntry("host-aliases", "api.example.com,web.ns,shop.internal,web.ns.svc");
    assertThat(w.getWitWorld().getHostInterfaces(1).getConfigMap())
        .as("a p3 handler is routed too")
        .isEqualTo(Map.of("host", "b.local", "host-aliases", "web.ns,web.ns.svc"));
    assertThat(w.getWitWorld().getHostInterfaces(2).getConfigMap())
        .as("an outgoing handler is not an ingress")
        .isEmpty();
  }

  @Test
  void mergingAliasesKeepsOrderAndDropsDuplicates() {
    assertThat(WorkloadMessages.mergeAliases(null, java.util.List.of("s.ns", "s.ns.svc")))
        .isEqualTo("s.ns,s.ns.svc");
    assertThat(WorkloadMessages.mergeAliases("s.ns.svc, x", java.util.List.of("s.ns", "s.ns.svc")))
        .isEqualTo("s.ns.svc,x,s.ns");
    assertThat(WorkloadMessages.mergeAliases(" , ", java.util.List.of("s.ns"))).isEqualTo("s.ns");
  }

  @Test
  void withoutAKubernetesServiceThereAreNoHostAliases() throws Exception {
    JsonNode spec =
        tree(
            "{'hostInterfaces': [{'namespace': 'wasi', 'package': 'http',"
                + " 'interfaces': ['incoming-handler'], 'config': {'host': 'a.local'}}],"
                + " 'components': [{'name': 'c', 'image': 'i'}]}");
    var w = WorkloadMessages.workload(new WorkloadObject("ns", "w", null, spec), source);
    assertThat(w.getWitWorld().getHostInterfaces(0).getConfigMap())
        .containsExactly(Map.entry("host", "a.local"));
    assertThat(w.getAnnotationsMap()).isEmpty();
    assertThat(w.hasService()).isFalse();
  }

  @Test
  void hostAliasesGoOnlyToTheHttpIncomingHandlerEntry() throws Exception {
    JsonNode spec =
        tree(
            "{'hostInterfaces': [{'namespace': 'wasi', 'package': 'http',"
                + " 'interfaces': ['outgoing-handler']},"
                + " {'namespace': 'wasi', 'package': 'keyvalue', 'interfaces': ['store']}],"
                + " 'components': [{'name': 'c', 'image': 'i'}],"
                + " 'kubernetes': {'service': {'name': 'web'}}}");
    var w = WorkloadMessages.workload(new WorkloadObject("ns", "w", null, spec), source);
    assertThat(w.getWitWorld().getHostInterfaces(0).getConfigMap()).isEmpty();
    assertThat(w.getWitWorld().getHostInterfaces(1).getConfigMap()).isEmpty();
  }

  @Test
  void pullCredentialsComeFromTheDockerConfigOfTheImageRegistry() throws Exception {
    JsonNode spec =
        tree(
            "{'components': [{'name': 'c', 'image': 'library/nginx:1',"
                + " 'imagePullSecret': {'name': 'pull'}}],"
                + " 'service': {'image': 'quay.io/a/b:1', 'imagePullSecret': {'name': 'pull'},"
                + " 'imagePullPolicy': 'Never', 'maxRestarts': -4}}");
    var w = WorkloadMessages.workload(new WorkloadObject("ns", "w", null, spec), source);
    assertThat(w.getWitWorld().getComponents(0).getImagePullSecret().getUsername()).isEqualTo("du");
    assertThat(w.getWitWorld().getComponents(0).getImagePullSecret().getPassword()).isEqualTo("dp");
    // no entry for quay.io: no credentials, as wasmCloud
    assertThat(w.getService().hasImagePullSecret()).isFalse();
    assertThat(w.getService().getImagePullPolicy())
        .isEqualTo(ImagePullPolicy.IMAGE_PULL_POLICY_NEVER);
    assertThat(w.getService().getMaxRestarts()).isZero();
  }

  @Test
  void aMissingObjectIsNamedByKindNamespaceAndName() throws Exception {
    JsonNode spec =
        tree(
            "{'components': [{'name': 'c', 'image': 'i', 'localResources':"
                + " {'environment': {'secretFrom': [{'name': 'nope'}]}}}]}");
    assertThatThrownBy(
            () -> WorkloadMessages.workload(new WorkloadObject("ns", "w", null, spec), source))
        .isInstanceOf(MissingConfigException.class)
        .hasMessage("Secret ns/nope not found")
        .satisfies(
            e ->
                assertThat(((MissingConfigException) e).ref())
                    .isEqualTo(ConfigRef.secret("ns", "nope")));
  }

  @Test
  void aPullSecretWithoutDockerConfigIsRefusedWithoutItsData() throws Exception {
    source.secret("ns", "plain", "password", "hunter2");
    JsonNode spec =
        tree("{'components': [{'name': 'c', 'image': 'i', 'imagePullSecret': {'name': 'plain'}}]}");
    assertThatThrownBy(
            () -> WorkloadMessages.workload(new WorkloadObject("ns", "w", null, spec), source))
        .isInstanceOf(MissingConfigException.class)
        .hasMessage("image pull Secret ns/plain has no .dockerconfigjson key");
  }

  @Test
  void pullPolicies() {
    assertThat(WorkloadMessages.pullPolicy(null))
        .isEqualTo(ImagePullPolicy.IMAGE_PULL_POLICY_UNSPECIFIED);
    assertThat(WorkloadMessages.pullPolicy("IfNotPresent"))
        .isEqualTo(ImagePullPolicy.IMAGE_PULL_POLICY_IF_NOT_PRESENT);
    assertThat(WorkloadMessages.pullPolicy("sometimes"))
        .isEqualTo(ImagePullPolicy.IMAGE_PULL_POLICY_UNSPECIFIED);
  }
}
