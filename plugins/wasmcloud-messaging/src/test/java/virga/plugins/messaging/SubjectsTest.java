package virga.plugins.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import virga.plugins.messaging.broker.Subjects;

class SubjectsTest {
  @Test
  void wildcardsMatchAsInNats() {
    assertThat(Subjects.matches("a.b", "a.b")).isTrue();
    assertThat(Subjects.matches("a.*", "a.b")).isTrue();
    assertThat(Subjects.matches("a.*", "a.b.c")).isFalse();
    assertThat(Subjects.matches("a.>", "a.b.c")).isTrue();
    assertThat(Subjects.matches("a.>", "a")).isFalse();
    assertThat(Subjects.matches("*.b", "a.b")).isTrue();
    assertThat(Subjects.matches("a.b", "a.b.c")).isFalse();
    assertThat(Subjects.matches(">", "x")).isTrue();
  }

  @Test
  void invalidSubjectsAreRejected() {
    assertThatThrownBy(() -> Subjects.checkSubscribe("")).hasMessage("invalid subject: empty");
    assertThatThrownBy(() -> Subjects.checkSubscribe("a b"))
        .hasMessage("invalid subject 'a b': whitespace");
    assertThatThrownBy(() -> Subjects.checkPublish("a.>"))
        .hasMessage("invalid subject 'a.>': wildcards are for subscriptions only");
    Subjects.checkSubscribe("a.*.>");
  }
}
