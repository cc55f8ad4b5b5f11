package virga.host.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import virga.component.Component;
import virga.component.Engine;
import virga.component.MalformedComponentException;

/** The component cache, the world of a component, the service export rule, replies. */
class ComponentCacheTest {
  private static byte[] wasm(String name) throws Exception {
    return Files.readAllBytes(Manifests.GUESTS.resolve(name));
  }

  @Test
  void digestIsTheSha256OfTheBytes() {
    assertThat(ComponentCache.digest(new byte[0]))
        .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void aComponentIsCompiledOncePerDigest() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ComponentCache cache = new ComponentCache(Engine.create(), meters);
    byte[] bytes = wasm("link-greeter.wasm");

    Component first = cache.compile(bytes);
    Component second = cache.compile(bytes.clone());

    assertThat(second).isSameAs(first);
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.contains(ComponentCache.digest(bytes))).isTrue();
    assertThat(meters.counter("virga.component.cache", "result", "miss").count()).isEqualTo(1.0);
    assertThat(meters.counter("virga.component.cache", "result", "hit").count()).isEqualTo(1.0);
  }

  @Test
  void aFailedCompilationIsNotCached() {
    ComponentCache cache = new ComponentCache(Engine.create(), new SimpleMeterRegistry());
    byte[] junk = {1, 2, 3};
    assertThatThrownBy(() -> cache.compile(junk)).isInstanceOf(MalformedComponentException.class);
    assertThatThrownBy(() -> cache.compile(junk)).isInstanceOf(MalformedComponentException.class);
    assertThat(cache.size()).isZero();
  }

  @Test
  void theWorldGroupsInterfacesByPackage() throws Exception {
    Component caller = Engine.create().compile(wasm("link-caller.wasm"));
    var world = ComponentWorlds.of(caller);
    assertThat(world.imports())
        .extracting(Object::toString)
        .containsExactly("example:link/greeter@0.1.0");
    assertThat(world.exports())
        .extracting(Object::toString)
        .containsExactly("example:link/caller@0.1.0");
    Component echo = Engine.create().compile(wasm("tcp-echo.wasm"));
    assertThat(ComponentWorlds.of(echo).imports())
        .extracting(Object::toString)
        .contains(
            "wasi:sockets/instance-network,network,tcp,tcp-create-socket@0.2.12",
            "wasi:config/store@0.2.0-draft");
  }

  @Test
  void theServiceExportRule() throws Exception {
    Engine engine = Engine.create();
    ServiceExports.check(engine.compile(wasm("link-service.wasm"))); // wasi:cli/run
    ServiceExports.check(engine.compile(wasm("link-greeter.wasm"))); // one interface
    assertThat(ServiceExports.runExport(engine.compile(wasm("link-trap.wasm"))))
        .isEqualTo("wasi:cli/run@0.2.0");
    assertThat(ServiceExports.runExport(engine.compile(wasm("link-greeter.wasm")))).isNull();
    assertThatThrownBy(() -> ServiceExports.check(engine.compile(wasm("reverse.wasm"))))
        .isInstanceOf(WorkloadException.class)
        .hasMessage(
            "service must export wasi:cli/run or exactly one interface; it exports: reverse");
  }

  @Test
  void repliesUseWasmCloudsTexts() {
    assertThat(Replies.is(virga.protocol.v2.WorkloadState.WORKLOAD_STATE_RUNNING))
        .isEqualTo("Workload is Running");
    assertThat(Replies.is(virga.protocol.v2.WorkloadState.WORKLOAD_STATE_STOPPING))
        .isEqualTo("Workload is Stopping");
    assertThat(Replies.notFound("x")).isEqualTo("Workload not found: x");
  }

  @Test
  void liveMapsAreReplacedWhole() {
    LiveMap m = new LiveMap(java.util.Map.of("a", "1"));
    java.util.Map<String, String> view = m;
    m.replace(java.util.Map.of("b", "2"));
    assertThat(view).containsExactly(java.util.Map.entry("b", "2"));
    assertThat(view.get("a")).isNull();
  }

  @Test
  void aWarmInstanceServesOneCallAtATime() {
    assertThat(PooledInstances.config(2, 5, 8)).isEqualTo(new virga.host.pool.PoolConfig(2, 5, 1));
    assertThat(PooledInstances.config(-1, -1, -1))
        .isEqualTo(new virga.host.pool.PoolConfig(-1, -1, -1));
  }
}
