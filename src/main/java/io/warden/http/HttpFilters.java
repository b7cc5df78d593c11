package io.warden.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.warden.raft.StateReads;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every response carries {@code X-Warden-Index}, and every endpoint's latency is recorded as
 * {@code warden_http_request_seconds}.
 */
public class HttpFilters {

    private static final String STARTED = "warden.started";
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    @Inject
    StateReads state;

    @Inject
    MeterRegistry registry;

    @ServerRequestFilter
    public void start(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @ServerResponseFilter
    public void finish(ContainerRequestContext request, ContainerResponseContext response, SimpleResourceInfo resource) {
        if (!response.getHeaders().containsKey(Indexed.HEADER)) {
            response.getHeaders().putSingle(Indexed.HEADER, Indexed.applied(state));
        }
        Object started = request.getProperty(STARTED);
        if (started instanceof Long t && resource != null && resource.getResourceClass() != null) {
            String key = resource.getResourceClass().getName() + '.' + resource.getMethodName() + ' '
                    + request.getMethod() + ' ' + response.getStatus();
            timers.computeIfAbsent(key, k -> timer(resource, request.getMethod(), response.getStatus()))
                    .record(System.nanoTime() - t, TimeUnit.NANOSECONDS);
        }
    }

    /** Built once per endpoint, method and status instead of a builder and a registry lookup per request. */
    private Timer timer(SimpleResourceInfo resource, String method, int status) {
        return Timer.builder("warden.http.request")
                .description("HTTP request latency per endpoint")
                .tag("endpoint", endpoint(resource))
                .tag("method", method)
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(registry);
    }

    private static String endpoint(SimpleResourceInfo resource) {
        String type = resource.getResourceClass().getSimpleName().replace("Resource", "").toLowerCase();
        return type + "." + resource.getMethodName();
    }
}
