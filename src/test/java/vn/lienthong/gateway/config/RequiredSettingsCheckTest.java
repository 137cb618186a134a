package vn.lienthong.gateway.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

/** Every flow's required settings are asked at once: a start with none names each of them with its environment variable. */
class RequiredSettingsCheckTest {

    @Test
    void shouldNameEveryMissingSettingWhenNotConfigured() {
        String all = String.join("\n", RequiredSettingsCheck.missing(new Binder()));
        for (String v : new String[] {"GATEWAY_PORTAL_BASE_URL", "GATEWAY_POPULATION_URL", "GATEWAY_POPULATION_SECRET",
                "GATEWAY_POPULATION_API_KEY", "GATEWAY_POPULATION_XROAD_CLIENT", "GATEWAY_REGISTRY_BASE_URL",
                "GATEWAY_REGISTRY_API_KEY", "GATEWAY_AUDIT_HMAC_SECRET", "GATEWAY_ONE_STOP_BASE_URL", "GATEWAY_CATALOGUE_AGENCY"}) {
            assertTrue(all.contains(v), v + " missing from " + all);
        }
    }
}
