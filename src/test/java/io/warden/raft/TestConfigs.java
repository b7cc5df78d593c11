package io.warden.raft;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.quarkus.runtime.configuration.DurationConverter;
import io.warden.config.WardenConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A {@link WardenConfig} outside Quarkus, from the mapping's defaults and the given settings. */
final class TestConfigs {

    private TestConfigs() {
    }

    static WardenConfig of(Map<String, String> settings) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(WardenConfig.class)
                // Quarkus reads "30s" as a Duration; plain SmallRye only reads ISO-8601.
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(new HashMap<>(settings), "test", 500))
                .build();
        return config.getConfigMapping(WardenConfig.class);
    }
}
