package virga.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The extensions themselves skip (locally) or fail (on CI) classes whose binaries are missing. */
class MissingBinariesTest {

  static final Path NO_BINARY = Path.of("/nonexistent/virga/nats-server");
  static final KubeApiTestDir NO_DIR = new KubeApiTestDir(Path.of("/nonexistent/virga"), "1.20.2");
  static final UnaryOperator<String> LOCAL = name -> null;
  static final UnaryOperator<String> CI = name -> Map.of("CI", "true").get(name);

  @Test
  void natsClassIsSkippedLocally() {
    Events containers = run(LocalNats.class).containerEvents();

    containers
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(LocalNats.class),
                skippedWithReason(
                    r -> r.contains("nats-server binaries not found at [" + NO_BINARY + "]"))));
    assertThat(LocalNats.ran).isFalse();
  }

  @Test
  void natsClassFailsOnCi() {
    Events containers = run(CiNats.class).containerEvents();

    containers
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(CiNats.class),
                finishedWithFailure(
                    cause(instanceOf(MissingPrerequisiteException.class)),
                    message(m -> m.endsWith("run scripts/install-prereqs.sh")))));
    assertThat(CiNats.ran).isFalse();
  }

  @Test
  void kubeClassIsSkippedLocallyAndFailsOnCi() {
    run(LocalKube.class)
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(LocalKube.class),
                skippedWithReason(r -> r.startsWith("kube-apiserver binaries not found at"))));
    run(CiKube.class)
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(CiKube.class),
                finishedWithFailure(cause(instanceOf(MissingPrerequisiteException.class)))));
  }

  private static EngineExecutionResults run(Class<?> type) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(type)).execute();
  }

  static class LocalNats {
    static boolean ran;
    @RegisterExtension static NatsServerExtension nats = new NatsServerExtension(NO_BINARY, LOCAL);

    @Test
    void test() {
      ran = true;
    }
  }

  static class CiNats {
    static boolean ran;
    @RegisterExtension static NatsServerExtension nats = new NatsServerExtension(NO_BINARY, CI);

    @Test
    void test() {
      ran = true;
    }
  }

  static class LocalKube {
    @RegisterExtension
    static KubeApiServerExtension kube = new KubeApiServerExtension(NO_DIR, LOCAL);

    @Test
    void test() {}
  }

  static class CiKube {
    @RegisterExtension static KubeApiServerExtension kube = new KubeApiServerExtension(NO_DIR, CI);

    @Test
    void test() {}
  }
}
