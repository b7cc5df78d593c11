package io.warden.health;

import io.warden.raft.WardenNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the Raft server has loaded its snapshot and log and runs. */
@Startup
@ApplicationScoped
public class StartedCheck implements HealthCheck {

    @Inject
    WardenNode node;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("raft-server-started").status(node.isRunning()).build();
    }
}
