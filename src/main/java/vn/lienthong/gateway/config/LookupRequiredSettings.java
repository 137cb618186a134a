package vn.lienthong.gateway.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.InitializingBean;

/**
 * Refuses to start without the lookup flows' national addresses, credentials and audit key, naming each
 * with its environment variable (reported by {@link MissingSettingsFailureAnalyzer}).
 */
public class LookupRequiredSettings implements InitializingBean {
    private final LookupProperties props;

    public LookupRequiredSettings(LookupProperties props) {
        this.props = props;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> missing = new ArrayList<>();
        LookupProperties.Population p = props.getPopulation();
        check(p.getUrl(), "gateway.population.url (GATEWAY_POPULATION_URL)", missing);
        check(p.getUser(), "gateway.population.user (GATEWAY_POPULATION_USER)", missing);
        check(p.getSecret(), "gateway.population.secret (GATEWAY_POPULATION_SECRET)", missing);
        check(p.getApiKey(), "gateway.population.api-key (GATEWAY_POPULATION_API_KEY)", missing);
        check(p.getXroadClient(), "gateway.population.xroad-client (GATEWAY_POPULATION_XROAD_CLIENT)", missing);
        check(p.getConsumerCode(), "gateway.population.consumer-code (GATEWAY_POPULATION_CONSUMER_CODE)", missing);
        check(p.getIntegrationCode(), "gateway.population.integration-code (GATEWAY_POPULATION_INTEGRATION_CODE)", missing);
        check(p.getAgencyCode(), "gateway.population.agency-code (GATEWAY_POPULATION_AGENCY_CODE)", missing);
        check(props.getRegistry().getBaseUrl(), "gateway.registry.base-url (GATEWAY_REGISTRY_BASE_URL)", missing);
        check(props.getRegistry().getApiKey(), "gateway.registry.api-key (GATEWAY_REGISTRY_API_KEY)", missing);
        check(props.getAudit().getHmacSecret(), "gateway.audit.hmac-secret (GATEWAY_AUDIT_HMAC_SECRET)", missing);
        if (!missing.isEmpty()) {
            throw new RequiredSettings.MissingSettingsException(missing);
        }
    }

    private static void check(String value, String name, List<String> missing) {
        if (value == null || value.isBlank()) {
            missing.add(name);
        }
    }
}
