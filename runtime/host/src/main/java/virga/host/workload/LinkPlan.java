package virga.host.workload;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import virga.component.VersionMatching;
import virga.component.binary.ExternName;

/**
 * Intra-workload linking: an interface an item imports that exactly one OTHER component of the
 * workload exports is served by that component (a fresh instance of it per importing instance). Two
 * exporters are an error naming both; components never link to the service; cycles are an error.
 */
public final class LinkPlan {
  /** What linking needs to know of an item. */
  public record Node(String name, boolean service, Set<String> imports, Set<String> exports) {
    public Node {
      imports = Set.copyOf(imports);
      exports = Set.copyOf(exports);
    }

    String label() {
      return label(name, service);
    }

    static String label(String name, boolean service) {
      return service ? "service '" + name + "'" : "component '" + name + "'";
    }
  }

  /**
   * One link: import {@code importName} of the importer is served by export {@code exportName} of
   * component {@code exporter}.
   */
  public record Link(String importName, String exporter, String exportName) {}

  private final Map<String, List<Link>> byImporter;

  private LinkPlan(Map<String, List<Link>> byImporter) {
    this.byImporter = byImporter;
  }

  /**
   * Plans the links among {@code nodes} (the components, then the service if any).
   *
   * @throws WorkloadException on an import with two exporters, or a cycle
   */
  public static LinkPlan of(List<Node> nodes) {
    Map<String, List<Link>> plan = new LinkedHashMap<>();
    for (Node importer : nodes) {
      List<Link> links = new ArrayList<>();
      for (String imp : ComponentWorlds.interfaceNames(importer.imports())) {
        List<Node> exporters = new ArrayList<>();
        String exportName = null;
        for (Node candidate : nodes) {
          if (candidate == importer || candidate.service()) {
            continue;
          }
          String match = matchingExport(imp, candidate.exports());
          if (match != null) {
            exporters.add(candidate);
            exportName = match;
          }
        }
        if (exporters.size() > 1) {
          throw new WorkloadException(
              importer.label()
                  + " imports "
                  + imp
                  + ", which both "
                  + exporters.get(0).label()
                  + " and "
                  + exporters.get(1).label()
                  + " export: intra-workload linking needs exactly one exporter (rename or remove"
                  + " one of them)");
        }
        if (exporters.size() == 1) {
          links.add(new Link(imp, exporters.get(0).name(), exportName));
        }
      }
      plan.put(importer.name(), List.copyOf(links));
    }
    checkAcyclic(nodes, plan);
    return new LinkPlan(plan);
  }

  /** The export among {@code exports} serving import {@code imp}: exact, else semver-compatible. */
  static String matchingExport(String imp, Set<String> exports) {
    if (exports.contains(imp)) {
      return imp;
    }
    ExternName wanted = new ExternName(imp);
    if (wanted.version() == null) {
      return null;
    }
    for (String e : exports) {
      ExternName provided = new ExternName(e);
      if (provided.kind() == ExternName.Kind.INTERFACE
          && provided.unversioned().equals(wanted.unversioned())
          && VersionMatching.compatible(wanted.version(), provided.version())) {
        return e;
      }
    }
    return null;
  }

  private static void checkAcyclic(List<Node> nodes, Map<String, List<Link>> plan) {
    Set<String> done = new LinkedHashSet<>();
    for (Node n : nodes) {
      visit(n.name(), plan, done, new ArrayDeque<>());
    }
  }

  private static void visit(
      String name, Map<String, List<Link>> plan, Set<String> done, Deque<String> path) {
    if (done.contains(name)) {
      return;
    }
    if (path.contains(name)) {
      List<String> cycle = new ArrayList<>(path);
      cycle = cycle.subList(cycle.indexOf(name), cycle.size());
      cycle.add(name);
      throw new WorkloadException(
          "the components' imports form a cycle ("
              + String.join(" -> ", cycle)
              + "): a component cannot be served by one that it serves");
    }
    path.addLast(name);
    for (Link l : plan.getOrDefault(name, List.of())) {
      visit(l.exporter(), plan, done, path);
    }
    path.removeLast();
    done.add(name);
  }

  /** The links of item {@code name} (empty when it imports nothing from other components). */
  public List<Link> linksOf(String name) {
    return byImporter.getOrDefault(name, List.of());
  }

  /** The imports of item {@code name} that other components serve. */
  public Set<String> servedImports(String name) {
    Set<String> out = new LinkedHashSet<>();
    for (Link l : linksOf(name)) {
      out.add(l.importName());
    }
    return out;
  }
}
