package virga.operator.cache;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.NoEventSourceForClassException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The objects a reconciled resource controls, read from the controller's informer cache instead of
 * the API server: a LIST of a whole namespace on every pass makes each pass cost O(objects) on the
 * server, so N owners cost O(N²) and stall the operator from a few hundred objects on.
 *
 * <p>A child the controller just created is put into the informer's temporary cache at once ({@link
 * #create}), so the next pass sees it even before the watch delivers it and never creates it a
 * second time. Without a JOSDK context (unit tests that drive a pass by hand) both fall back to the
 * server.
 */
public final class Secondaries {
  private Secondaries() {}

  /**
   * The children of type {@code type} whose controller reference is {@code owner}, sorted by name.
   * The controller must watch {@code type} with one informer event source that maps children to
   * their owner.
   */
  public static <C extends HasMetadata> List<C> owned(
      Optional<? extends Context<?>> context,
      KubernetesClient client,
      HasMetadata owner,
      Class<C> type) {
    List<C> all =
        context.isPresent()
            ? List.copyOf(context.get().getSecondaryResources(type))
            : client
                .resources(type)
                .inNamespace(owner.getMetadata().getNamespace())
                .list()
                .getItems();
    return all.stream()
        .filter(c -> controlledBy(c, owner))
        .sorted(Comparator.comparing((C c) -> c.getMetadata().getName()))
        .toList();
  }

  /** The child {@code name} of {@code owner} (see {@link #owned}), if it exists. */
  public static <C extends HasMetadata> Optional<C> owned(
      Optional<? extends Context<?>> context,
      KubernetesClient client,
      HasMetadata owner,
      Class<C> type,
      String name) {
    if (context.isEmpty()) {
      return Optional.ofNullable(
          client
              .resources(type)
              .inNamespace(owner.getMetadata().getNamespace())
              .withName(name)
              .get());
    }
    return owned(context, client, owner, type).stream()
        .filter(c -> name.equals(c.getMetadata().getName()))
        .findFirst();
  }

  /**
   * Creates {@code child} on the server and records the created object in the informer's cache, so
   * that {@link #owned} returns it from now on.
   */
  @SuppressWarnings("unchecked")
  public static <C extends HasMetadata> C create(
      Optional<? extends Context<?>> context, KubernetesClient client, C child) {
    C created = client.resource(child).create();
    context.ifPresent(
        c -> {
          try {
            var source = c.eventSourceRetriever().getEventSourceFor(created.getClass());
            if (source instanceof InformerEventSource<?, ?> informer) {
              ((InformerEventSource<C, ?>) informer)
                  .handleRecentResourceCreate(ResourceID.fromResource(created), created);
            }
          } catch (NoEventSourceForClassException e) {
            // the controller does not watch this type: nothing to keep up to date
          }
        });
    return created;
  }

  /** Whether {@code owner} is the controller of {@code child}. */
  public static boolean controlledBy(HasMetadata child, HasMetadata owner) {
    List<OwnerReference> refs = child.getMetadata().getOwnerReferences();
    return refs != null
        && refs.stream()
            .anyMatch(
                r ->
                    Boolean.TRUE.equals(r.getController())
                        && owner.getMetadata().getUid().equals(r.getUid()));
  }
}
