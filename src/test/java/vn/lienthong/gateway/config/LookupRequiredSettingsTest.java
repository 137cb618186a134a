package vn.lienthong.gateway.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LookupRequiredSettingsTest {

    /** A start without the national lookup settings fails naming each setting and its environment variable. */
    @Test
    void shouldNameEveryMissingSettingWhenNotConfigured() {
        RequiredSettings.MissingSettingsException e = assertThrows(RequiredSettings.MissingSettingsException.class,
                () -> new LookupRequiredSettings(new LookupProperties()).afterPropertiesSet());
        String all = String.join("\n", e.missing());
        for (String v : new String[] {"GATEWAY_POPULATION_URL", "GATEWAY_POPULATION_SECRET", "GATEWAY_POPULATION_API_KEY",
                "GATEWAY_POPULATION_XROAD_CLIENT", "GATEWAY_REGISTRY_BASE_URL", "GATEWAY_REGISTRY_API_KEY",
                "GATEWAY_AUDIT_HMAC_SECRET"}) {
            assertTrue(all.contains(v), v + " missing from " + all);
        }
    }
}
