package vn.lienthong.gateway.national.portal;

import java.util.function.Supplier;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.lienthong.gateway.audit.NationalDataUse;
import vn.lienthong.gateway.dossier.DossierEventService;
import vn.lienthong.gateway.dossier.NationalDatabasesCompletion;
import vn.lienthong.gateway.mapping.MappingRegistry;
import vn.lienthong.gateway.national.UnavailableAnswerCheck;
import vn.lienthong.gateway.ops.NationalSystems;

/**
 * The National Public Service Portal as a destination: quota, breaker and answer check of
 * routes/national-portal.camel.yaml (bean names used there), the session client and the delivery destination.
 */
@Configuration
@EnableConfigurationProperties(PortalProperties.class)
public class PortalConfiguration {

    @Bean
    CircuitBreaker nationalPortalCircuitBreaker(PortalProperties props) {
        return props.getCircuitBreaker().build(NationalPortalDestination.NAME);
    }

    @Bean
    PortalQuota nationalPortalQuota(PortalProperties props) {
        return new PortalQuota(props);
    }

    @Bean
    UnavailableAnswerCheck nationalPortalAnswerCheck() {
        return new UnavailableAnswerCheck("portal", false);
    }

    @Bean
    NationalPortalClient nationalPortalClient(ProducerTemplate producer, PortalProperties props, MappingRegistry mappings,
                                              ObjectMapper json) {
        return new NationalPortalClient(producer, props, () -> PortalProtocol.from(mappings.current()), json);
    }

    @Bean
    NationalPortalDestination nationalPortalDestination(NationalPortalClient client, MappingRegistry mappings,
                                                        CircuitBreaker nationalPortalCircuitBreaker, ObjectMapper json,
                                                        PortalProperties props, NationalSystems systems,
                                                        PortalQuota nationalPortalQuota,
                                                        ObjectProvider<DossierEventService> dossiers, DataSource dataSource) {
        systems.register(NationalPortalDestination.NAME).withCircuitBreaker(nationalPortalCircuitBreaker)
                .withRateLimiter(nationalPortalQuota.limiter());
        Supplier<PortalProtocol> protocol = () -> PortalProtocol.from(mappings.current());
        return new NationalPortalDestination(client, protocol, nationalPortalCircuitBreaker, json,
                Math.min(100, props.getMaxBatch()), props.longestRequest(),
                // the dossier flow's current vocabulary, asked for at delivery (the flow itself needs the engine first)
                new NationalDatabasesCompletion(new NationalDataUse(dataSource), () -> dossiers.getObject().vocabulary(), protocol));
    }
}
