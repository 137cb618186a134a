package vn.lienthong.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tests only (registered in src/test/resources/META-INF/spring.factories): fills the lookup flows' required
 * settings that are still blank with placeholders, so that tests of other flows start the gateway without
 * knowing the lookup systems. Values a test or profile sets (sandbox, @DynamicPropertySource, arguments)
 * are kept; nothing listens on port 9. The refusal to start without them is tested by
 * LookupRequiredSettingsTest.
 */
public class LookupTestDefaults implements EnvironmentPostProcessor {
    private static final Map<String, String> PLACEHOLDERS = Map.ofEntries(
            Map.entry("gateway.population.url", "http://localhost:9/dancu"),
            Map.entry("gateway.population.user", "test"),
            Map.entry("gateway.population.secret", "test"),
            Map.entry("gateway.population.api-key", "test"),
            Map.entry("gateway.population.xroad-client", "VN/GOV/TEST/TEST"),
            Map.entry("gateway.population.consumer-code", "TEST"),
            Map.entry("gateway.population.integration-code", "TEST"),
            Map.entry("gateway.population.agency-code", "000.00.00.H47"),
            Map.entry("gateway.registry.base-url", "http://localhost:9/registry"),
            Map.entry("gateway.registry.api-key", "test"),
            Map.entry("gateway.audit.hmac-secret", "test-only-audit-secret"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> blanks = new LinkedHashMap<>();
        PLACEHOLDERS.forEach((key, value) -> {
            String current = environment.getProperty(key);
            if (current == null || current.isBlank()) {
                blanks.put(key, value);
            }
        });
        if (!blanks.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("lookupTestDefaults", blanks));
        }
    }
}
