package virga.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.io.TempDir;

class PrerequisitesTest {

  private static final UnaryOperator<String> LOCAL = name -> null;
  private static final UnaryOperator<String> CI = name -> Map.of("CI", "true").get(name);

  @TempDir Path dir;

  @Test
  void presentExecutablesEnableTheTests() throws Exception {
    Path binary = executable("etcd");

    ConditionEvaluationResult result = Prerequisites.check("etcd", List.of(binary), CI);

    assertThat(result.isDisabled()).isFalse();
  }

  @Test
  void missingBinariesSkipLocallyWithTheirPathAndTheFix() throws Exception {
    Path present = executable("kubectl");
    Path missing = dir.resolve("kube-apiserver");

    ConditionEvaluationResult result =
        Prerequisites.check("kube-apiserver", List.of(present, missing), LOCAL);

    assertThat(result.isDisabled()).isTrue();
    assertThat(result.getReason())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains("kube-apiserver binaries not found at")
                    .contains(missing.toString())
                    .doesNotContain(present.toString())
                    .endsWith("run scripts/install-prereqs.sh"));
  }

  @Test
  void nonExecutableFileCountsAsMissing() throws Exception {
    Path notExecutable = Files.createFile(dir.resolve("nats-server"));

    assertThat(Prerequisites.check("nats-server", List.of(notExecutable), LOCAL).isDisabled())
        .isTrue();
  }

  @Test
  void missingBinariesFailOnCi() {
    Path missing = dir.resolve("nats-server");

    assertThatThrownBy(() -> Prerequisites.check("nats-server", List.of(missing), CI))
        .isInstanceOf(MissingPrerequisiteException.class)
        .hasMessage(
            "nats-server binaries not found at [" + missing + "]; run scripts/install-prereqs.sh");
  }

  @Test
  void onlyCiTrueMeansCi() {
    assertThat(Prerequisites.isCi(name -> "TRUE")).isTrue();
    assertThat(Prerequisites.isCi(name -> "false")).isFalse();
    assertThat(Prerequisites.isCi(name -> "1")).isFalse();
    assertThat(Prerequisites.isCi(LOCAL)).isFalse();
  }

  private Path executable(String name) throws Exception {
    return Files.createFile(
        dir.resolve(name),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }
}
