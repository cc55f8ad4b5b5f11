package virga.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubjectsTest {
  @Test
  void buildsTheSubjectsOfTheHostProtocol() {
    assertThat(Subjects.heartbeat("h1")).isEqualTo("runtime.operator.heartbeat.h1");
    assertThat(Subjects.hostCommand("h1", HostCommand.WORKLOAD_START))
        .isEqualTo("runtime.host.h1.workload.start");
    assertThat(Subjects.hostCommand("h1", HostCommand.HEARTBEAT))
        .isEqualTo("runtime.host.h1.heartbeat");
    assertThat(Subjects.hostCommands("h1")).isEqualTo("runtime.host.h1.>");
    assertThat(Subjects.ALL_HEARTBEATS).isEqualTo("runtime.operator.heartbeat.>");
  }

  @Test
  void parsesEveryCommandBackAndRefusesUnknownOnes() {
    for (HostCommand command : HostCommand.values()) {
      assertThat(Subjects.parseHostCommand(Subjects.hostCommand("abc", command))).contains(command);
    }
    assertThat(Subjects.parseHostCommand("runtime.host.abc.workload.explode")).isEmpty();
    assertThat(Subjects.parseHostCommand("runtime.host.abc")).isEmpty();
    assertThat(Subjects.parseHostCommand("runtime.operator.heartbeat.abc")).isEmpty();
  }

  @Test
  void readsTheHostIdOfAHeartbeatSubject() {
    assertThat(Subjects.heartbeatHostId("runtime.operator.heartbeat.NBXYZ")).contains("NBXYZ");
    assertThat(Subjects.heartbeatHostId("runtime.host.NBXYZ.heartbeat")).isEmpty();
  }

  @Test
  void refusesHostIdsThatAreNotOneSubjectToken() {
    assertThatThrownBy(() -> Subjects.heartbeat("a.b"))
        .hasMessageContaining("one NATS subject token");
    assertThatThrownBy(() -> Subjects.hostCommands("*"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Subjects.hostCommands(""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
