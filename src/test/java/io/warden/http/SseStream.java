package io.warden.http;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Server-Sent Events reader for tests: it opens a watch, parses frames on its own thread as they
 * arrive, and lets a test take them with a deadline. It knows the wire format only, not Warden.
 */
public final class SseStream implements AutoCloseable {

    /** One frame: its id (null if none), its event name, its data parsed as JSON. */
    public record Event(String id, String event, Map<String, Object> data) {
        public long index() {
            return ((Number) data.get("index")).longValue();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Event END = new Event(null, "<end>", Map.of());
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final BlockingQueue<Event> frames = new LinkedBlockingQueue<>();
    private final HttpResponse<InputStream> response;
    private final Thread reader;
    private volatile boolean ended;

    private SseStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        if (response.statusCode() == 200) {
            reader.start();
        }
    }

    /** Opens {@code url} (path and query on {@code base}) with the given header pairs. */
    public static SseStream open(String base, String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Accept", "text/event-stream").GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            return new SseStream(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new AssertionError("could not open " + pathAndQuery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The body of a refused open (problem+json). */
    public String body() {
        try (InputStream in = response.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The next frame within {@code timeout}; fails if none came or the stream ended. */
    public Event next(Duration timeout) {
        Event e = poll(timeout);
        if (e == null) {
            throw new AssertionError("no event within " + timeout);
        }
        if (e == END) {
            throw new AssertionError("the stream ended");
        }
        return e;
    }

    /** The next frame that is not a progress event. */
    public Event nextEvent(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event e = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (!e.event().equals("progress")) {
                return e;
            }
        }
    }

    /** Frames up to and including the first that matches, within {@code timeout}, progress events left out. */
    public List<Event> until(Predicate<Event> last, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Event> seen = new ArrayList<>();
        while (true) {
            Event e = nextEvent(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            seen.add(e);
            if (last.test(e)) {
                return seen;
            }
        }
    }

    /** Every frame until the stream ends (progress left out); fails if it does not end within {@code timeout}. */
    public List<Event> drainUntilEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Event> seen = new ArrayList<>();
        while (true) {
            Event e = poll(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (e == null) {
                throw new AssertionError("the stream did not end within " + timeout);
            }
            if (e == END) {
                return seen;
            }
            if (!e.event().equals("progress")) {
                seen.add(e);
            }
        }
    }

    /** True when the server ended the stream within {@code timeout} after any frames still queued. */
    public boolean endsWithin(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Event e = poll(Duration.ofNanos(deadline - System.nanoTime()));
            if (e == END) {
                return true;
            }
        }
        return false;
    }

    private Event poll(Duration timeout) {
        try {
            return frames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (event != null) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> parsed = JSON.readValue(data.toString(), Map.class);
                        frames.add(new Event(id, event, parsed));
                    }
                    id = null;
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // Closed by the test or the server: both end the stream.
        } finally {
            ended = true;
            frames.add(END);
        }
    }

    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // Already closed.
        }
        reader.interrupt();
    }
}
