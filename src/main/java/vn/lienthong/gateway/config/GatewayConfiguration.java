package vn.lienthong.gateway.config;

import java.time.Clock;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.lienthong.gateway.callbacks.CallbackVocabulary;
import vn.lienthong.gateway.catalogue.ProcedureCatalogue;
import vn.lienthong.gateway.dossier.DossierVocabulary;
import vn.lienthong.gateway.mapping.MappingCheck;
import vn.lienthong.gateway.mapping.MappingRegistry;
import vn.lienthong.gateway.national.portal.PortalProtocol;

/** What every flow shares: the clock, the mappings, the REST engine, the check of required settings. Each flow wires itself in its package. */
@Configuration
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayConfiguration {

    /** Every flow's required settings, checked before any bean is made (static: a bean factory post-processor). */
    @Bean
    static RequiredSettingsCheck requiredSettingsCheck() {
        return new RequiredSettingsCheck();
    }

    /**
     * Camel's platform-http engine, serving the REST routes on the request thread (the correlation id in the
     * MDC and the security context stay where the filters put them). Replaces the starter's engine.
     */
    @Bean(name = "platform-http-engine")
    org.apache.camel.component.platform.http.spi.PlatformHttpEngine platformHttpEngine(
            @org.springframework.beans.factory.annotation.Value("${server.port:8080}") int port) {
        return new InlinePlatformHttpEngine(port);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MappingRegistry mappingRegistry(GatewayProperties props) {
        List<MappingCheck> checks = List.of(PortalProtocol::from, DossierVocabulary::from, CallbackVocabulary::from,
                ProcedureCatalogue.MAPPINGS);
        return new MappingRegistry(props.getMappingsLocation(), checks);
    }
}
