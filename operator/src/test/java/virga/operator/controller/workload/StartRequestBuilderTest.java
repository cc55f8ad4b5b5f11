package virga.operator.controller.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import virga.crds.v1alpha1.EphemeralVolume;
import virga.crds.v1alpha1.HostPathVolume;
import virga.crds.v1alpha1.KubernetesIntegration;
import virga.crds.v1alpha1.KubernetesServiceRef;
import virga.crds.v1alpha1.Labels;
import virga.crds.v1alpha1.LocalObjectReference;
import virga.crds.v1alpha1.LocalResources;
import virga.crds.v1alpha1.Volume;
import virga.crds.v1alpha1.VolumeMount;
import virga.crds.v1alpha1.Workload;
import virga.crds.v1alpha1.WorkloadService;
import virga.crds.v1alpha1.WorkloadSpec;
import virga.operator.config.ConfigMaterializerTest;
import virga.operator.config.InMemoryConfigSource;
import virga.protocol.ProtoJson;
import virga.protocol.Protocol;
import virga.protocol.manifest.MissingConfigException;
import virga.protocol.manifest.PullSecrets;
import virga.protocol.v2.ImagePullPolicy;
import virga.protocol.v2.WitInterface;
import virga.protocol.v2.WorkloadStartRequest;

class StartRequestBuilderTest {
  private final InMemoryConfigSource source =
      new InMemoryConfigSource()
          .configMap("ns", "hi-cm", Map.of("k", "cm", "shared", "cm"))
          .secret("ns", "hi-secret", Map.of("shared", "secret"))
          .configMap("ns", "env-cm", Map.of("E", "env"));

  static Workload workload(WorkloadSpec spec) {
    Workload w = new Workload();
    w.setMetadata(
        new ObjectMetaBuilder()
            .withName("w1")
            .withNamespace("ns")
            .withUid("uid-123")
            .addToAnnotations("team", "a")
            .addToAnnotations(WorkloadAnnotations.CONFIG_HASH, "abc")
            .build());
    w.setSpec(spec);
    return w;
  }

  @Test
  void buildsTheWholeRequestWithMaterialisedConfig() throws Exception {
    WorkloadSpec spec = ConfigMaterializerTest.spec();
    spec.getHostInterfaces().get(0).setConfig(Map.of("k", "inline", "only", "inline"));
    spec.getHostInterfaces().get(0).setVersion("0.2.0-rc.1");
    LocalResources lr = spec.getComponents().get(0).getLocalResources();
    lr.setConfig(Map.of("c", "1"));
    lr.setAllowedHosts(List.of("*.example.com"));
    VolumeMount m = new VolumeMount();
    m.setName("data");
    m.setMountPath("/data");
    m.setReadOnly(true);
    lr.setVolumeMounts(List.of(m));
    spec.getComponents().get(0).setPoolSize(3);
    spec.getComponents().get(0).setImagePullPolicy("Always");
    Volume eph = new Volume();
    eph.setName("data");
    eph.setEphemeral(new EphemeralVolume());
    Volume hp = new Volume();
    hp.setName("host");
    HostPathVolume hpv = new HostPathVolume();
    hpv.setPath("/var/x");
    hp.setHostPath(hpv);
    spec.setVolumes(List.of(eph, hp));
    WorkloadService svc = new WorkloadService();
    svc.setImage("ghcr.io/x/svc:1");
    svc.setMaxRestarts(3);
    spec.setService(svc);

    WorkloadStartRequest req = StartRequestBuilder.build(workload(spec), source);

    assertThat(req.getWorkloadId()).isEqualTo("uid-123");
    var w = req.getWorkload();
    assertThat(w.getNamespace()).isEqualTo("ns");
    assertThat(w.getName()).isEqualTo("w1");
    assertThat(w.getAnnotationsMap()).containsOnlyKeys("team");
    WitInterface hi = w.getWitWorld().getHostInterfaces(0);
    assertThat(hi.getNamespace() + ":" + hi.getPackage() + "@" + hi.getVersion())
        .isEqualTo("wasi:config@0.2.0-rc.1");
    assertThat(hi.getConfigMap())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("k", "cm", "shared", "secret", "only", "inline"));
    var c = w.getWitWorld().getComponents(0);
    assertThat(c.getPoolSize()).isEqualTo(3);
    assertThat(c.getImagePullPolicy()).isEqualTo(ImagePullPolicy.IMAGE_PULL_POLICY_ALWAYS);
    assertThat(c.getLocalResources().getEnvironmentMap())
        .containsExactlyInAnyOrderEntriesOf(Map.of("E", "env", "k", "cm", "shared", "cm"));
    assertThat(c.getLocalResources().getConfigMap()).containsEntry("c", "1");
    assertThat(c.getLocalResources().getAllowedHostsList()).containsExactly("*.example.com");
    assertThat(c.getLocalResources().getVolumeMounts(0).getReadOnly()).isTrue();
    assertThat(w.getVolumes(0).hasEmptyDir()).isTrue();
    assertThat(w.getVolumes(1).getHostPath().getLocalPath()).isEqualTo("/var/x");
    assertThat(w.getService().getMaxRestarts()).isEqualTo(3);
    // 64-bit ints travel as strings in proto3 JSON
    assertThat(ProtoJson.encode(req)).contains("\"maxRestarts\":\"3\"");
  }

  @Test
  void kubernetesServiceAddsHostAliasesToTheHttpIngressEntry() throws Exception {
    WorkloadSpec spec = new WorkloadSpec();
    var http = new virga.crds.v1alpha1.HostInterface();
    http.setNamespace("wasi");
    http.setPackageName("http");
    http.setInterfaces(List.of("incoming-handler"));
    http.setConfig(Map.of("host", "hello.local"));
    spec.setHostInterfaces(List.of(http));
    KubernetesIntegration k = new KubernetesIntegration();
    KubernetesServiceRef svc = new KubernetesServiceRef();
    svc.setName("web");
    k.setService(svc);
    spec.setKubernetes(k);

    var hi = StartRequestBuilder.build(workload(spec), source).getWorkload().getWitWorld();
    assertThat(hi.getHostInterfaces(0).getConfigMap())
        .containsEntry("host-aliases", "web.ns,web.ns.svc")
        .containsEntry("host", "hello.local");
  }

  @Test
  void pullCredentialsComeFromTheDockerConfigOfTheImageRegistry() throws Exception {
    source.secret(
        "ns",
        "pull",
        Map.of(
            PullSecrets.DOCKER_CONFIG_JSON,
            "{\"auths\":{\"ghcr.io\":{\"username\":\"u\",\"password\":\"p\"},"
                + "\"https://index.docker.io/v1/\":{\"auth\":\"ZHU6ZHA=\"}}}"));
    WorkloadSpec spec = ConfigMaterializerTest.spec();
    LocalObjectReference pull = new LocalObjectReference();
    pull.setName("pull");
    spec.getComponents().get(0).setImagePullSecret(pull);
    var c = StartRequestBuilder.build(workload(spec), source).getWorkload().getWitWorld();
    assertThat(c.getComponents(0).getImagePullSecret().getUsername()).isEqualTo("u");
    assertThat(c.getComponents(0).getImagePullSecret().getPassword()).isEqualTo("p");

    spec.getComponents().get(0).setImage("library/nginx:1");
    c = StartRequestBuilder.build(workload(spec), source).getWorkload().getWitWorld();
    assertThat(c.getComponents(0).getImagePullSecret().getUsername()).isEqualTo("du");
    assertThat(c.getComponents(0).getImagePullSecret().getPassword()).isEqualTo("dp");

    pull.setName("absent");
    assertThatThrownBy(() -> StartRequestBuilder.build(workload(spec), source))
        .isInstanceOf(MissingConfigException.class)
        .hasMessage("Secret ns/absent not found");
  }

  @Test
  void aWorkloadOfADeploymentTellsTheHostTheDeploymentName() throws Exception {
    Workload w = workload(ConfigMaterializerTest.spec());
    assertThat(StartRequestBuilder.build(w, source).getWorkload().getAnnotationsMap())
        .doesNotContainKey(Protocol.DEPLOYMENT_ANNOTATION);

    w.getMetadata().setLabels(Map.of(Labels.WORKLOAD_DEPLOYMENT, "shop"));

    assertThat(StartRequestBuilder.build(w, source).getWorkload().getAnnotationsMap())
        .containsEntry(Protocol.DEPLOYMENT_ANNOTATION, "shop")
        .containsEntry("team", "a");
  }

  @Test
  void registryOfAnImage() {
    assertThat(PullSecrets.registry("ghcr.io/a/b:1")).isEqualTo("ghcr.io");
    assertThat(PullSecrets.registry("localhost:5000/a:1")).isEqualTo("localhost:5000");
    assertThat(PullSecrets.registry("nginx")).isEqualTo("docker.io");
    assertThat(PullSecrets.registry("library/nginx:1")).isEqualTo("docker.io");
  }
}
