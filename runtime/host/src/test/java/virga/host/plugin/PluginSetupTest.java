package virga.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginSetupTest {
  @Test
  void settingsSplitAtTheFirstDotAndTheFirstEquals() {
    PluginSetup s =
        PluginSetup.fromDirectory(null)
            .with("wasi-keyvalue.backend=redis")
            .with("wasi-keyvalue.url=redis://127.0.0.1:6379/0?a=b")
            .with("wasmcloud-messaging.tls.ca=/etc/ca.pem");

    assertThat(s.settings())
        .isEqualTo(
            Map.of(
                "wasi-keyvalue",
                Map.of("backend", "redis", "url", "redis://127.0.0.1:6379/0?a=b"),
                "wasmcloud-messaging",
                Map.of("tls.ca", "/etc/ca.pem")));
  }

  @Test
  void anEmptyValueIsASetting() {
    assertThat(PluginSetup.fromDirectory(null).with("a.b=").settings())
        .isEqualTo(Map.of("a", Map.of("b", "")));
  }

  @Test
  void malformedSettingsNameTheShape() {
    for (String bad :
        new String[] {"backend=redis", ".backend=redis", "kv.=x", "kv.backend", "kv=x.y"}) {
      assertThatThrownBy(() -> PluginSetup.fromDirectory(null).with(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "--plugin-config takes ID.KEY=VALUE, e.g. wasi-keyvalue.backend=redis (got '"
                  + bad
                  + "')");
    }
  }
}
