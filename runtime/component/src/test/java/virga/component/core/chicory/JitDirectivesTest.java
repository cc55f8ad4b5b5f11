package virga.component.core.chicory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JitDirectivesTest {

  @Test
  void theInliningDirectivesAreInstalledOnceThroughTheDiagnosticCommandMBean() {
    assertThat(JitDirectives.ensureInstalled()).isEqualTo("1 compiler directives added");
    assertThat(JitDirectives.ensureInstalled()).isEqualTo("1 compiler directives added");
  }
}
