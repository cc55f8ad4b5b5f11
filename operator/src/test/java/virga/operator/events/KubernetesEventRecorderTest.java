package virga.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesEventRecorderTest {
  static KubernetesClient client;

  private static HasMetadata about(String name) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("ev")
        .withUid("uid-" + name)
        .endMetadata()
        .build();
  }

  private static List<Event> events(String name) {
    return client.v1().events().inNamespace("ev").list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  @Test
  void theSynchronousRecorderHasWrittenTheEventWhenItReturns() {
    new KubernetesEventRecorder(client, Clock.systemUTC()).normal(about("sync"), "Did", "it");
    assertThat(events("sync"))
        .singleElement()
        .satisfies(e -> assertThat(e.getReason()).isEqualTo("Did"));
  }

  @Test
  void theAsyncRecorderWritesFromItsOwnThreadAndDropsWhatDoesNotFit() throws Exception {
    try (KubernetesEventRecorder recorder =
        KubernetesEventRecorder.async(client, Clock.systemUTC(), 1, 1)) {
      // one writer, one queue slot: of three Events at once, the third finds the slot taken unless
      // the writer already took the first; whatever does not fit is dropped, never waited for
      recorder.record(about("block"), EventRecorder.NORMAL, "Blocking", "x");
      recorder.record(about("queued"), EventRecorder.NORMAL, "Queued", "x");
      recorder.record(about("dropped"), EventRecorder.NORMAL, "Dropped", "x");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (events("queued").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(events("block")).hasSize(1);
      assertThat(events("queued")).hasSize(1);
      assertThat(recorder.dropped()).isLessThanOrEqualTo(1);
      assertThat(events("dropped")).hasSize((int) (1 - recorder.dropped()));
    }
  }
}
