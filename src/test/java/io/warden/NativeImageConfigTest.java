package io.warden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No native build runs here, so this checks what can be checked without one: every class the native
 * configuration registers or initialises at run time exists, so a Ratis upgrade that renames one fails
 * the build instead of the first native start.
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

    private InputStream resource(String name) {
        InputStream in = getClass().getClassLoader().getResourceAsStream(DIR + name);
        assertNotNull(in, DIR + name);
        return in;
    }
}
