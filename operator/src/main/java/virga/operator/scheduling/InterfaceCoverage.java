package virga.operator.scheduling;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a host serves a workload's requested host interfaces.
 *
 * <p>A wasmCloud heartbeat advertises only its plugins' worlds: {@code imports} the host provides
 * (e.g. {@code wasi:keyvalue/store}) and {@code exports} it calls on components (e.g. {@code
 * wasmcloud:messaging/handler}). The WASI 0.2 interfaces built into every host (io, clocks, random,
 * cli, filesystem, sockets, outgoing HTTP) are never advertised, so they count as always served.
 * {@code wasi:http/incoming-handler} is served by the host's HTTP ingress, which a heartbeat shows
 * as a non-zero {@code httpPort}, or by a plugin exporting it.
 */
public final class InterfaceCoverage {
  /**
   * What every wasmCloud host links in without a plugin ({@code host/mod.rs} {@code wit_world}).
   */
  static final List<WitRef> BUILT_IN =
      List.of(
          WitRef.parse("wasi:io/poll,error,streams@0.2.0"),
          WitRef.parse("wasi:clocks/monotonic-clock,wall-clock,wall-time,timezone@0.2.0"),
          WitRef.parse("wasi:random/random,insecure,insecure-seed@0.2.0"),
          WitRef.parse(
              "wasi:cli/environment,exit,stderr,stdin,stdout,terminal-input,terminal-output,"
                  + "terminal-stderr,terminal-stdin,terminal-stdout@0.2.0"),
          WitRef.parse("wasi:filesystem/preopens,types@0.2.0"),
          WitRef.parse(
              "wasi:sockets/instance-network,ip-name-lookup,network,tcp-create-socket,tcp,"
                  + "udp-create-socket,udp@0.2.0"),
          WitRef.parse("wasi:http/types,outgoing-handler@0.2.0"));

  private static final WitRef HTTP_INGRESS = WitRef.parse("wasi:http/incoming-handler@0.2.0");

  private InterfaceCoverage() {}

  /**
   * What of {@code wanted} the host lacks, e.g. {@code wasi:keyvalue/store@0.2.0-draft}, or {@code
   * wasi:keyvalue/store@0.2.0-draft (host has 0.1.0)} when only the version is off; empty when
   * covered.
   */
  public static Optional<String> missing(WitRef wanted, HostCandidate host) {
    List<WitRef> offers = new ArrayList<>(host.imports());
    offers.addAll(host.exports());
    offers.addAll(BUILT_IN);
    if (host.httpPort() > 0) {
      offers.add(HTTP_INGRESS);
    }
    Set<String> served = new LinkedHashSet<>();
    Set<String> otherVersions = new LinkedHashSet<>();
    for (WitRef offer : offers) {
      if (!offer.samePackage(wanted) || !namesAgree(wanted, offer)) {
        continue;
      }
      if (WitVersion.compatible(wanted.version(), offer.version())) {
        served.addAll(offer.interfaces());
      } else {
        otherVersions.add(offer.version());
      }
    }
    List<String> lacking = wanted.interfaces().stream().filter(i -> !served.contains(i)).toList();
    if (lacking.isEmpty()) {
      return Optional.empty();
    }
    String what =
        new WitRef(wanted.namespace(), wanted.pkg(), wanted.version(), lacking, "").toString();
    return Optional.of(
        otherVersions.isEmpty()
            ? what
            : what + " (host has " + String.join(", ", otherVersions) + ")");
  }

  /** All requirements the host lacks, in request order. */
  public static List<String> missing(List<WitRef> wanted, HostCandidate host) {
    return wanted.stream().flatMap(w -> missing(w, host).stream()).toList();
  }

  // a named request is served by an unnamed offer (a multiplexing plugin) or one of that name
  private static boolean namesAgree(WitRef wanted, WitRef offer) {
    return wanted.name().isEmpty() || offer.name().isEmpty() || wanted.name().equals(offer.name());
  }
}
