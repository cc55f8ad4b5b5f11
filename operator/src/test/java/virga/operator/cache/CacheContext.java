package virga.operator.cache;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.javaoperatorsdk.operator.processing.event.NoEventSourceForClassException;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A JOSDK context for reconcile() tests on the fabric8 CRUD mock: its "informer cache" of secondary
 * resources is what the mock holds in the primary's namespace (always up to date), and it has no
 * event sources.
 */
public final class CacheContext {
  private CacheContext() {}

  @SuppressWarnings("unchecked")
  public static <P extends HasMetadata> Context<P> of(KubernetesClient client, P primary) {
    String ns = primary.getMetadata().getNamespace();
    return with(
        client,
        type ->
            new LinkedHashSet<>(
                client
                    .resources((Class<? extends HasMetadata>) type)
                    .inNamespace(ns)
                    .list()
                    .getItems()));
  }

  /** A context whose informer cache holds {@code cached} (whatever their type) and nothing else. */
  public static <P extends HasMetadata> Context<P> snapshot(
      KubernetesClient client, Collection<? extends HasMetadata> cached) {
    return with(
        client, type -> cached.stream().filter(type::isInstance).collect(Collectors.toSet()));
  }

  @SuppressWarnings("unchecked")
  private static <P extends HasMetadata> Context<P> with(
      KubernetesClient client, Function<Class<?>, Set<?>> secondaries) {
    EventSourceRetriever<P> none =
        (EventSourceRetriever<P>)
            Proxy.newProxyInstance(
                EventSourceRetriever.class.getClassLoader(),
                new Class<?>[] {EventSourceRetriever.class},
                (proxy, method, args) -> {
                  throw new NoEventSourceForClassException(
                      args != null && args.length > 0 && args[0] instanceof Class<?> c
                          ? c
                          : Object.class);
                });
    return (Context<P>)
        Proxy.newProxyInstance(
            Context.class.getClassLoader(),
            new Class<?>[] {Context.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getClient" -> client;
                  case "eventSourceRetriever" -> none;
                  case "getSecondaryResources" -> secondaries.apply((Class<?>) args[0]);
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
