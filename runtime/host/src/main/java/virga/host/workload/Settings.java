package virga.host.workload;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import virga.component.wit.WitTypes;
import virga.host.artifact.ArtifactResolver;
import virga.host.net.LoopbackAllocator;
import virga.host.plugin.PluginBinder;
import virga.host.plugin.PluginRegistry;
import virga.host.service.RestartPolicy;
import virga.host.service.Scheduler;

/** What a {@link WorkloadHost} was built with (see {@link WorkloadHost.Builder}). */
record Settings(
    String hostId,
    ArtifactResolver artifacts,
    Path tempRoot,
    MeterRegistry meters,
    GuestOutput output,
    InstanceFactory.Shared shared,
    Duration callDeadline,
    RestartPolicy restartPolicy,
    Scheduler scheduler,
    Duration serviceStopTimeout,
    LoopbackAllocator loopbacks,
    boolean allowHostLoopback,
    PluginRegistry plugins,
    PluginBinder binder,
    WitTypes pluginTypes) {}
