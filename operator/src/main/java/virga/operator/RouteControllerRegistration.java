package virga.operator;

import io.javaoperatorsdk.operator.Operator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.operator.controller.route.SliceStore;
import virga.operator.controller.route.WorkloadRouteReconciler;

/**
 * Plugs the route controller ({@link WorkloadRouteReconciler}: EndpointSlices for the Services of
 * Workloads) into {@code VirgaOperator} through the {@link ControllerRegistration} hook, on the
 * EndpointSlice version the API server serves. It watches the user namespaces and re-checks
 * Services with slices every host interval (1 min by default).
 */
public final class RouteControllerRegistration implements ControllerRegistration {
  private static final Logger LOG = LoggerFactory.getLogger(RouteControllerRegistration.class);

  @Override
  public void register(Operator operator, OperatorServices services) {
    OperatorConfig config = services.config();
    SliceStore store;
    try {
      store = SliceStore.forServer(services.client());
    } catch (IllegalStateException e) {
      LOG.warn("not routing Services to workloads: {}", e.getMessage());
      return;
    }
    LOG.info("routing Services of Workloads with EndpointSlices {}", store.apiVersion());
    operator.register(
        new WorkloadRouteReconciler(
            store, config.hostNamespace(), config.hostSettings().interval()),
        o -> {
          if (!config.watchNamespaces().isEmpty()) {
            o.settingNamespaces(config.watchNamespaces());
          }
        });
  }
}
