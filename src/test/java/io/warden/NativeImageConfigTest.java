package io.warden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No native build runs here, so this checks what can be checked without one: every class the native
 * configuration registers or initialises at run time exists, so a Ratis upgrade that renames one fails
 * the build instead of the first native start; and that what Ratis and its shaded gRPC load by name is
 * registered, found from their jars rather than from the list itself.
 */
class NativeImageConfigTest {

    private static final String DIR = "META-INF/native-image/io.warden/warden/";

    @Test
    void everyReflectivelyRegisteredClassExists() throws Exception {
        try (InputStream in = resource("reflect-config.json")) {
            JsonNode entries = new ObjectMapper().readTree(in);
            assertTrue(entries.size() > 0);
            for (JsonNode entry : entries) {
                String name = entry.get("name").asText();
                assertDoesNotThrow(() -> Class.forName(name, false, getClass().getClassLoader()), name);
            }
        }
    }

    @Test
    void everyRunTimeInitialisedClassOrPackageExists() throws Exception {
        Properties props = new Properties();
        try (InputStream in = resource("native-image.properties")) {
            props.load(in);
        }
        String args = props.getProperty("Args");
        String list = args.substring(args.indexOf('=') + 1);
        for (String name : list.split(",")) {
            String path = name.trim().replace('.', '/');
            boolean isClass = getClass().getClassLoader().getResource(path + ".class") != null;
            boolean isPackage = getClass().getClassLoader().getResource(path) != null;
            assertTrue(isClass || isPackage, "not on the classpath: " + name);
        }
    }

    /**
     * Quarkus turns GraalVM's service-loader feature off ({@code -H:-UseServiceLoaderFeature} in the
     * generated build arguments), so in the binary gRPC finds its channel, server, name-resolver and
     * load-balancer providers only through its hard-coded {@code Class.forName} fallback, and Ratis its
     * metrics registry only by name: each must be registered, or peers cannot connect.
     */
    @Test
    void everyServiceProviderOfRatisIsRegistered() throws Exception {
        Set<String> registered = registeredClasses();
        List<String> missing = new ArrayList<>();
        int providers = 0;
        for (Path jar : ratisJars()) {
            try (JarFile file = new JarFile(jar.toFile())) {
                for (JarEntry entry : Collections.list(file.entries())) {
                    String name = entry.getName();
                    // BlockHound is a test-time agent that Warden does not ship.
                    if (!name.startsWith("META-INF/services/") || entry.isDirectory() || name.contains("blockhound")) {
                        continue;
                    }
                    for (String provider : providersIn(file, entry)) {
                        providers++;
                        if (!registered.contains(provider)) {
                            missing.add(provider + " (" + name + ")");
                        }
                    }
                }
            }
        }
        assertTrue(providers >= 8, "found only " + providers + " service providers in the Ratis jars");
        assertEquals(List.of(), missing, "service providers not registered for reflection");
    }

    /** A reply carries a failure by class name and the client instantiates it (Ratis' ReflectionUtils). */
    @Test
    void everyRatisProtocolExceptionIsRegistered() throws Exception {
        Set<String> registered = registeredClasses();
        Path jar = jarOf(Class.forName("org.apache.ratis.protocol.exceptions.RaftException"));
        Set<String> exceptions = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                String name = entry.getName();
                if (name.startsWith("org/apache/ratis/protocol/exceptions/") && name.endsWith("Exception.class")
                        && !name.contains("$")) {
                    exceptions.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
        assertTrue(exceptions.size() >= 15, "found " + exceptions);
        exceptions.removeAll(registered);
        assertEquals(Set.of(), exceptions, "protocol exceptions not registered for reflection");
    }

    private Set<String> registeredClasses() throws Exception {
        Set<String> names = new TreeSet<>();
        try (InputStream in = resource("reflect-config.json")) {
            for (JsonNode entry : new ObjectMapper().readTree(in)) {
                names.add(entry.get("name").asText());
            }
        }
        return names;
    }

    /** The Ratis jars on the test class path, found through a class of each. */
    private static Set<Path> ratisJars() throws Exception {
        Set<Path> jars = new TreeSet<>();
        for (String type : List.of("org.apache.ratis.protocol.exceptions.RaftException",
                "org.apache.ratis.client.RaftClient", "org.apache.ratis.server.RaftServer",
                "org.apache.ratis.server.impl.ServerImplUtils", "org.apache.ratis.grpc.GrpcFactory",
                "org.apache.ratis.metrics.MetricRegistries", "org.apache.ratis.metrics.impl.MetricRegistriesImpl",
                "org.apache.ratis.thirdparty.io.grpc.ManagedChannel")) {
            jars.add(jarOf(Class.forName(type)));
        }
        return jars;
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static List<String> providersIn(JarFile file, JarEntry entry) throws Exception {
        List<String> providers = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(file.getInputStream(entry), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String provider = line.replaceAll("#.*", "").trim();
                if (!provider.isEmpty()) {
                    providers.add(provider);
                }
            }
        }
        return providers;
    }

    private InputStream resource(String name) {
        InputStream in = getClass().getClassLoader().getResourceAsStream(DIR + name);
        assertNotNull(in, DIR + name);
        return in;
    }
}
