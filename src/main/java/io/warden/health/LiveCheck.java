package io.warden.health;

import io.warden.raft.WardenNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the Raft server runs; losing the quorum does not make a node dead, only not ready. */
@Liveness
@ApplicationScoped
public class LiveCheck implements HealthCheck {

    @Inject
    WardenNode node;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("raft-server").status(!node.isStarted() || node.isRunning()).build();
    }
}
