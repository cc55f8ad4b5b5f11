package virga.host.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinkPlanTest {
  private static LinkPlan.Node component(String name, Set<String> imports, Set<String> exports) {
    return new LinkPlan.Node(name, false, imports, exports);
  }

  @Test
  void anImportExactlyOneOtherComponentExportsIsLinkedToIt() {
    LinkPlan plan =
        LinkPlan.of(
            List.of(
                component("a", Set.of(), Set.of("example:x/api@0.1.0")),
                component("b", Set.of("example:x/api@0.1.0", "wasi:io/streams@0.2.0"), Set.of())));
    assertThat(plan.linksOf("b"))
        .containsExactly(new LinkPlan.Link("example:x/api@0.1.0", "a", "example:x/api@0.1.0"));
    assertThat(plan.linksOf("a")).isEmpty();
    assertThat(plan.servedImports("b")).containsExactly("example:x/api@0.1.0");
  }

  @Test
  void aSemverCompatibleExportServesTheImport() {
    LinkPlan plan =
        LinkPlan.of(
            List.of(
                component("a", Set.of(), Set.of("example:x/api@1.4.0")),
                component("b", Set.of("example:x/api@1.2.0"), Set.of())));
    assertThat(plan.linksOf("b"))
        .containsExactly(new LinkPlan.Link("example:x/api@1.2.0", "a", "example:x/api@1.4.0"));
  }

  @Test
  void anIncompatibleVersionIsNotLinked() {
    LinkPlan plan =
        LinkPlan.of(
            List.of(
                component("a", Set.of(), Set.of("example:x/api@0.2.0")),
                component("b", Set.of("example:x/api@0.1.0"), Set.of())));
    assertThat(plan.linksOf("b")).isEmpty();
  }

  @Test
  void aComponentDoesNotServeItself() {
    LinkPlan plan =
        LinkPlan.of(
            List.of(component("a", Set.of("example:x/api@0.1.0"), Set.of("example:x/api@0.1.0"))));
    assertThat(plan.linksOf("a")).isEmpty();
  }

  @Test
  void theServiceIsServedByComponentsButNeverServesThem() {
    LinkPlan plan =
        LinkPlan.of(
            List.of(
                component("c", Set.of("example:x/svc@0.1.0"), Set.of("example:x/api@0.1.0")),
                new LinkPlan.Node(
                    "service",
                    true,
                    Set.of("example:x/api@0.1.0"),
                    Set.of("example:x/svc@0.1.0"))));
    assertThat(plan.linksOf("service"))
        .containsExactly(new LinkPlan.Link("example:x/api@0.1.0", "c", "example:x/api@0.1.0"));
    assertThat(plan.linksOf("c")).isEmpty();
  }

  @Test
  void twoExportersAreAnErrorNamingBoth() {
    assertThatThrownBy(
            () ->
                LinkPlan.of(
                    List.of(
                        component("a1", Set.of(), Set.of("example:x/api@0.1.0")),
                        component("a2", Set.of(), Set.of("example:x/api@0.1.0")),
                        component("b", Set.of("example:x/api@0.1.0"), Set.of()))))
        .isInstanceOf(WorkloadException.class)
        .hasMessage(
            "component 'b' imports example:x/api@0.1.0, which both component 'a1' and component"
                + " 'a2' export: intra-workload linking needs exactly one exporter (rename or"
                + " remove one of them)");
  }

  @Test
  void aCycleIsAnError() {
    assertThatThrownBy(
            () ->
                LinkPlan.of(
                    List.of(
                        component("a", Set.of("example:x/b@0.1.0"), Set.of("example:x/a@0.1.0")),
                        component("b", Set.of("example:x/c@0.1.0"), Set.of("example:x/b@0.1.0")),
                        component("c", Set.of("example:x/a@0.1.0"), Set.of("example:x/c@0.1.0")))))
        .isInstanceOf(WorkloadException.class)
        .hasMessage(
            "the components' imports form a cycle (a -> b -> c -> a): a component cannot be"
                + " served by one that it serves");
  }

  @Test
  void plainNamesAreNeverLinked() {
    LinkPlan plan =
        LinkPlan.of(
            List.of(
                component("a", Set.of(), Set.of("wrap")),
                component("b", Set.of("wrap"), Set.of())));
    assertThat(plan.linksOf("b")).isEmpty();
  }
}
