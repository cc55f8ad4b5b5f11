package virga.protocol.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlDocumentsTest {
  @Test
  void documentsKeepTheLineOfEveryNodeAndTheTextOfNonStringScalars() throws Exception {
    List<ManifestDocument> docs =
        YamlDocuments.read(
            "m.yaml",
            """
            ---
            # a comment, then an empty document
            ---
            kind: A
            spec:
              list:
                - x
                - {y: 1.10, z: yes}
            ---
            kind: B
            a/b~c: 0x1F
            """);

    assertThat(docs).hasSize(2);
    ManifestDocument a = docs.get(0);
    assertThat(a.line("")).isEqualTo(4);
    assertThat(a.line("/spec/list/1")).isEqualTo(8);
    assertThat(a.line("/spec/list/1/z")).isEqualTo(8);
    assertThat(a.line("/spec/list/1/missing/deeper")).isEqualTo(8);
    assertThat(a.raw())
        .containsEntry("/spec/list/1/y", "1.10")
        .containsEntry("/spec/list/1/z", "yes");
    assertThat(a.root().at("/spec/list/1/y").asDouble()).isEqualTo(1.1);
    assertThat(a.root().at("/spec/list/1/z").asBoolean()).isTrue();
    ManifestDocument b = docs.get(1);
    assertThat(b.line("/a~1b~0c")).isEqualTo(11);
    assertThat(b.root().get("a/b~c").asInt()).isEqualTo(31);
    assertThat(b.describe()).isEqualTo("B without a name");
  }

  @Test
  void pointersReadAsKubectlFieldPaths() {
    assertThat(ManifestDocument.path("/spec/template/spec/components/0/image"))
        .isEqualTo("spec.template.spec.components[0].image");
    assertThat(ManifestDocument.path("")).isEmpty();
    assertThat(ManifestDocument.path("/a~1b/0/0")).isEqualTo("a/b[0][0]");
  }

  @Test
  void emptyTextHasNoDocuments() throws Exception {
    assertThat(YamlDocuments.read("m.yaml", "")).isEmpty();
    assertThat(YamlDocuments.read("m.yaml", "---\n---\n")).isEmpty();
  }
}
