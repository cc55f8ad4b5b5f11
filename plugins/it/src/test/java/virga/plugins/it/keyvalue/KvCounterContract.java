package virga.plugins.it.keyvalue;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * What the kv-counter guest must see on every backend, with exact values over HTTP. Each test uses
 * namespaces of its own, so a server shared by the class needs no cleaning.
 */
abstract class KvCounterContract extends KvCounterHost {
  @Test
  void countsStoresAndReadsExactly() throws Exception {
    URI app = start("kv1", unique("ns"));
    assertThat(get(app, "/incr")).isEqualTo("200 1\n");
    assertThat(get(app, "/incr")).isEqualTo("200 2\n");
    assertThat(get(app, "/incr")).isEqualTo("200 3\n");
    assertThat(get(app, "/incr/visits")).isEqualTo("200 1\n");
    // counters are decimal text, so store.get reads them
    assertThat(get(app, "/get/counter")).isEqualTo("200 3\n");
    assertThat(get(app, "/set/greeting/hello")).isEqualTo("200 ok\n");
    assertThat(get(app, "/get/greeting")).isEqualTo("200 hello\n");
    assertThat(get(app, "/set/greeting/bye")).isEqualTo("200 ok\n");
    assertThat(get(app, "/get/greeting")).isEqualTo("200 bye\n");
    assertThat(get(app, "/get/nothing")).isEqualTo("404 missing\n");
    assertThat(get(app, "/ping")).isEqualTo("200 pong\n");
    assertThat(get(app, "/nope"))
        .isEqualTo("404 use /incr, /incr/KEY, /get/KEY, /set/KEY/VALUE or /ping\n");
  }

  @Test
  void badInputIsTheWitErrorNotATrap() throws Exception {
    URI app = start("kv2", unique("ns"));
    assertThat(get(app, "/set//x"))
        .isEqualTo("500 keyvalue error: other: invalid key: a key must not be empty\n");
    assertThat(get(app, "/set/greeting/hello")).isEqualTo("200 ok\n");
    assertThat(get(app, "/incr/greeting"))
        .isEqualTo(
            "500 keyvalue error: other: value of key 'greeting' is not a counter (5 bytes;"
                + " counters are decimal text or 8-byte u64)\n");
    // the instance survived the errors
    assertThat(get(app, "/incr")).isEqualTo("200 1\n");
  }

  @Test
  void workloadsInTwoNamespacesDoNotSeeEachOther() throws Exception {
    URI a = start("kv-a", unique("team-a"));
    URI b = start("kv-b", unique("team-b"));
    assertThat(get(a, "/incr")).isEqualTo("200 1\n");
    assertThat(get(a, "/incr")).isEqualTo("200 2\n");
    assertThat(get(a, "/set/secret/a-only")).isEqualTo("200 ok\n");
    assertThat(get(b, "/incr")).isEqualTo("200 1\n");
    assertThat(get(b, "/get/secret")).isEqualTo("404 missing\n");
    assertThat(get(a, "/incr")).isEqualTo("200 3\n");
  }

  @Test
  void dataOutlivesTheWorkloadOnlyOnSharedBackends() throws Exception {
    String ns = unique("ns");
    URI first = start("kv3", ns);
    assertThat(get(first, "/incr")).isEqualTo("200 1\n");
    assertThat(get(first, "/incr")).isEqualTo("200 2\n");
    host.stop("kv3");
    URI again = start("kv3b", ns);
    assertThat(get(again, "/incr")).isEqualTo(persists() ? "200 3\n" : "200 1\n");
  }
}
