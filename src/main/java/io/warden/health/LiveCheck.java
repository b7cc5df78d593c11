package io.warden.health;

import io.warden.raft.WardenGateway;
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
    WardenGateway gateway;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("raft-server").status(!gateway.isStarted() || gateway.isRunning()).build();
    }
}
