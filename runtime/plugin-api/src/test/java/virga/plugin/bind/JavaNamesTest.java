package virga.plugin.bind;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JavaNamesTest {
  @Test
  void functionsBecomeLowerCamelMethods() {
    assertThat(JavaNames.method("get-all")).isEqualTo("getAll");
    assertThat(JavaNames.method("get")).isEqualTo("get");
    assertThat(JavaNames.method("[constructor]input-stream")).isEqualTo("newInputStream");
    assertThat(JavaNames.method("[method]input-stream.blocking-read"))
        .isEqualTo("inputStreamBlockingRead");
    assertThat(JavaNames.method("[static]fields.from-list")).isEqualTo("fieldsFromList");
    // a Java keyword gets a trailing underscore
    assertThat(JavaNames.method("new")).isEqualTo("new_");
    assertThat(JavaNames.lowerCamel("default")).isEqualTo("default_");
    // an all-caps first word (WIT acronyms) is lowered; later ones keep their case
    assertThat(JavaNames.lowerCamel("URL-to-HTTP")).isEqualTo("urlToHTTP");
  }

  @Test
  void casesAndLabels() {
    assertThat(JavaNames.upperCamel("not-found")).isEqualTo("NotFound");
    assertThat(JavaNames.upperCamel("upstream")).isEqualTo("Upstream");
    assertThat(JavaNames.upperSnake("not-found")).isEqualTo("NOT_FOUND");
    assertThat(JavaNames.upperSnake("f0")).isEqualTo("F0");
  }
}
