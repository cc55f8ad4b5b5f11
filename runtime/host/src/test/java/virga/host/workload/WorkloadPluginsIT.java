package virga.host.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import virga.component.values.Value;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.net.LoopbackAllocator;
import virga.host.plugin.PluginRegistry;
import virga.protocol.v2.Component;
import virga.protocol.v2.LocalResources;
import virga.protocol.v2.Service;
import virga.protocol.v2.Workload;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;

/** Plugins and listeners around a workload: config updates, failures, vetoes. */
class WorkloadPluginsIT {
  private static final String RUN = "wasi:cli/run@0.2.0#run";

  private final DraftConfigPlugin config = new DraftConfigPlugin();
  private final CapturedOutput out = new CapturedOutput();
  private final LoopbackAllocator loopbacks = new LoopbackAllocator();
  private final List<String> heard = Collections.synchronizedList(new ArrayList<>());
  private final WorkloadHost host =
      WorkloadHost.builder()
          .artifacts(new LocalArtifactResolver(Manifests.GUESTS))
          .plugins(new PluginRegistry().register(config))
          .guestOutput(out)
          .loopbacks(loopbacks)
          .build();

  @AfterEach
  void close() {
    host.close();
  }

  private static Workload.Builder echoPair(int port, String message) {
    Workload.Builder w = ServiceWorkloadIT.echo("echo", port, message, false);
    w.setService(
        Service.newBuilder()
            .setImage("tcp-echo.wasm")
            .setLocalResources(
                ServiceWorkloadIT.config(
                    Map.of("mode", "serve", "port", "" + port, "count", "2"))));
    return w;
  }

  @Test
  void aConfigUpdateReachesTheRunningWorkloadWithoutARestart() throws Exception {
    int port = ServiceWorkloadIT.freePort();
    host.start(Manifests.start("u", echoPair(port, "before")));
    assertThat(out.await("echo", "service", "listening on", 5000)).isTrue();
    RunningWorkload w = host.running("u").orElseThrow();
    assertThat(w.call("client", RUN)).isEqualTo(Value.ok());

    Workload.Builder next = echoPair(port, "after");
    WorkloadStatus s = host.updateConfig("u", next.build());

    assertThat(s.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
    assertThat(config.events)
        .contains("config client {message=after, mode=connect, port=" + port + "}");
    assertThat(w.items().get(0).config()).containsEntry("message", "after");
    assertThat(w.call("client", RUN)).isEqualTo(Value.ok());
    assertThat(out.await("echo", "service", "done", 5000)).isTrue();
    assertThat(out.text("echo", "service"))
        .isEqualTo(
            "listening on 127.0.0.1:"
                + port
                + "\nreceived 6 bytes: before\nreceived 5 bytes: after\ndone\n");
  }

  @Test
  void aConfigUpdateNamingAnUnknownItemChangesNothing() {
    int port = 1;
    host.start(Manifests.start("u2", ServiceWorkloadIT.echo("e", port, "m", false)));
    Workload.Builder next = ServiceWorkloadIT.echo("e", port, "changed", false);
    next.getWitWorldBuilder()
        .addComponents(Component.newBuilder().setName("extra").setImage("link-greeter.wasm"));

    assertThatThrownBy(() -> host.updateConfig("u2", next.build()))
        .isInstanceOf(WorkloadException.class)
        .hasMessage(
            "workload 'e' has no item 'extra': a config update cannot add items (start the"
                + " workload anew)");
    assertThat(host.running("u2").orElseThrow().items().get(0).config())
        .containsEntry("message", "m");
  }

  @Test
  void aPluginFailingTheWorkloadMakesItErrorAndTearsItDown() throws Exception {
    host.start(Manifests.start("f", ServiceWorkloadIT.echo("e", 1, "m", false)));

    config.context.failureSink().fail("f", "the config backend is gone");

    assertThat(host.status("f").getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_ERROR);
    assertThat(host.status("f").getMessage()).isEqualTo("the config backend is gone");
    assertThat(host.running("f")).isEmpty();
    assertThat(Await.until(() -> config.events.contains("unbind f"), 5000)).isTrue();
    assertThat(Await.until(() -> loopbacks.inUse() == 0, 5000)).isTrue();
  }

  @Test
  void aListenerThatRefusesTheWorkloadFailsTheStart() {
    host.addListener(
        new WorkloadListener() {
          @Override
          public void resolved(RunningWorkload w) {
            heard.add("resolved " + w.id());
            throw new IllegalArgumentException(
                "config.host 'a_b' is not a valid RFC 1123 host name");
          }

          @Override
          public void stopping(RunningWorkload w) {
            heard.add("stopping " + w.id());
          }
        });

    WorkloadStatus s = host.start(Manifests.start("v", ServiceWorkloadIT.echo("e", 1, "m", false)));

    assertThat(s.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_ERROR);
    assertThat(s.getMessage()).isEqualTo("config.host 'a_b' is not a valid RFC 1123 host name");
    assertThat(heard).containsExactly("resolved v", "stopping v");
    assertThat(config.events)
        .containsSubsequence("bind e", "bind-item client", "resolved client", "unbind v");
    assertThat(loopbacks.inUse()).isZero();
  }

  @Test
  void listenersHearResolvedThenStopping() {
    host.addListener(
        new WorkloadListener() {
          @Override
          public void resolved(RunningWorkload w) {
            heard.add("resolved " + w.id() + " " + w.name());
          }

          @Override
          public void stopping(RunningWorkload w) {
            heard.add("stopping " + w.id());
          }
        });
    host.start(Manifests.start("l", ServiceWorkloadIT.echo("e", 1, "m", false)));
    host.stop("l");
    assertThat(heard).containsExactly("resolved l e", "stopping l");
  }

  @Test
  void aServiceExportingOneInterfaceIsPinnedAndCallable() {
    Workload.Builder w =
        Manifests.workload("pinned").setService(Manifests.service("link-greeter.wasm", 0));
    assertThat(host.start(Manifests.start("p", w)).getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
    RunningWorkload running = host.running("p").orElseThrow();

    Value first = running.call("service", "example:link/greeter@0.1.0#greet", Value.string("pin"));
    Value count = running.call("service", "example:link/greeter@0.1.0#count");

    assertThat(first).isEqualTo(Value.string("hello, pin"));
    assertThat(count).isEqualTo(Value.u32(1)); // the same instance served both calls
    assertThat(LocalResources.getDefaultInstance()).isNotNull();
  }
}
