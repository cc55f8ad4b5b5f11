package virga.operator.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterfaceCoverageTest {
  private static HostCandidate host(List<String> imports, List<String> exports, int httpPort) {
    return new HostCandidate(
        "h",
        "h",
        Map.of(),
        "",
        true,
        0,
        0,
        0,
        imports.stream().map(WitRef::parse).toList(),
        exports.stream().map(WitRef::parse).toList(),
        httpPort,
        0,
        0);
  }

  @Test
  void pluginImportCoversTheRequestedInterfaces() {
    HostCandidate h = host(List.of("wasi:keyvalue/store,atomics,batch@0.2.0-draft"), List.of(), 0);
    assertThat(InterfaceCoverage.missing(WitRef.parse("wasi:keyvalue/store,batch@0.2.0-draft"), h))
        .isEmpty();
    assertThat(InterfaceCoverage.missing(WitRef.parse("wasi:keyvalue/store"), h)).isEmpty();
  }

  @Test
  void missingInterfaceIsNamed() {
    HostCandidate h = host(List.of("wasi:keyvalue/store@0.2.0-draft"), List.of(), 0);
    assertThat(InterfaceCoverage.missing(WitRef.parse("wasi:keyvalue/store,cas@0.2.0-draft"), h))
        .contains("wasi:keyvalue/cas@0.2.0-draft");
    assertThat(InterfaceCoverage.missing(WitRef.parse("wasi:blobstore/blobstore"), h))
        .contains("wasi:blobstore/blobstore");
  }

  @Test
  void incompatibleVersionSaysWhatTheHostHas() {
    HostCandidate h = host(List.of("wasmcloud:messaging/consumer,types@0.2.0"), List.of(), 0);
    assertThat(InterfaceCoverage.missing(WitRef.parse("wasmcloud:messaging/consumer@0.3.0"), h))
        .contains("wasmcloud:messaging/consumer@0.3.0 (host has 0.2.0)");
  }

  @Test
  void interfacesMaySpreadOverSeveralEntriesOfOnePackage() {
    HostCandidate h =
        host(
            List.of("wasmcloud:messaging/consumer,types@0.2.0"),
            List.of("wasmcloud:messaging/handler@0.2.0"),
            0);
    assertThat(
            InterfaceCoverage.missing(
                WitRef.parse("wasmcloud:messaging/consumer,handler@0.2.0"), h))
        .isEmpty();
  }

  @Test
  void builtInWasiNeedsNoAdvertisement() {
    HostCandidate bare = host(List.of(), List.of(), 0);
    assertThat(
            InterfaceCoverage.missing(
                List.of(
                    WitRef.parse("wasi:cli/environment@0.2.3"),
                    WitRef.parse("wasi:http/outgoing-handler@0.2.0"),
                    WitRef.parse("wasi:sockets/tcp")),
                bare))
        .isEmpty();
    assertThat(InterfaceCoverage.missing(WitRef.parse("wasi:cli/environment@0.3.0"), bare))
        .contains("wasi:cli/environment@0.3.0 (host has 0.2.0)");
  }

  @Test
  void incomingHttpNeedsIngressOrAnExport() {
    WitRef http = WitRef.parse("wasi:http/incoming-handler");
    assertThat(InterfaceCoverage.missing(http, host(List.of(), List.of(), 0)))
        .contains("wasi:http/incoming-handler");
    assertThat(InterfaceCoverage.missing(http, host(List.of(), List.of(), 8080))).isEmpty();
    assertThat(
            InterfaceCoverage.missing(
                http, host(List.of(), List.of("wasi:http/incoming-handler@0.2.2"), 0)))
        .isEmpty();
  }

  @Test
  void namedRequestIsServedByUnnamedOrSameNamedOffer() {
    WitRef named = new WitRef("wasi", "keyvalue", "0.2.0-draft", List.of("store"), "cache");
    HostCandidate unnamed = host(List.of("wasi:keyvalue/store@0.2.0-draft"), List.of(), 0);
    assertThat(InterfaceCoverage.missing(named, unnamed)).isEmpty();

    HostCandidate other =
        new HostCandidate(
            "h",
            "h",
            Map.of(),
            "",
            true,
            0,
            0,
            0,
            List.of(new WitRef("wasi", "keyvalue", "0.2.0-draft", List.of("store"), "sessions")),
            List.of(),
            0,
            0,
            0);
    assertThat(InterfaceCoverage.missing(named, other)).isPresent();
  }

  @Test
  void witRefParsesAndPrintsWasmcloudsForm() {
    WitRef ref = WitRef.parse("wasi:keyvalue/store,atomics@0.2.0-draft");
    assertThat(ref.namespace()).isEqualTo("wasi");
    assertThat(ref.pkg()).isEqualTo("keyvalue");
    assertThat(ref.interfaces()).containsExactly("store", "atomics");
    assertThat(ref.version()).isEqualTo("0.2.0-draft");
    assertThat(ref).hasToString("wasi:keyvalue/store,atomics@0.2.0-draft");
    assertThat(WitRef.parse("wasi:logging").interfaces()).isEmpty();
    assertThatThrownBy(() -> WitRef.parse("keyvalue/store"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyvalue/store");
  }
}
