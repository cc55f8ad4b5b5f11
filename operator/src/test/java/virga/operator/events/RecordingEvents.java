package virga.operator.events;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link EventRecorder} that keeps events in a list. */
public final class RecordingEvents implements EventRecorder {
  /** One recorded event. */
  public record Event(String object, String type, String reason, String message) {}

  public final List<Event> events = new CopyOnWriteArrayList<>();

  @Override
  public void record(HasMetadata about, String type, String reason, String message) {
    events.add(new Event(about.getMetadata().getName(), type, reason, message));
  }

  public List<String> reasons() {
    return events.stream().map(Event::reason).toList();
  }
}
