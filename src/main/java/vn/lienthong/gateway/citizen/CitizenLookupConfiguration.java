package vn.lienthong.gateway.citizen;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.cxf.jaxws.CxfConfigurer;
import org.apache.cxf.Bus;
import org.apache.cxf.bus.extension.ExtensionManagerBus;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.frontend.AbstractWSDLBasedEndpointFactory;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transport.http.HTTPConduitFactory;
import org.apache.cxf.transport.http.URLConnectionHTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.apache.cxf.ws.policy.PolicyEngine;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.lienthong.gateway.audit.AuditLog;
import vn.lienthong.gateway.mapping.MappingRegistry;
import vn.lienthong.gateway.national.guard.NationalGuard;
import vn.lienthong.gateway.national.population.PopulationAuthInterceptor;
import vn.lienthong.gateway.national.population.PopulationDbClient;
import vn.lienthong.gateway.national.population.PopulationProperties;
import vn.lienthong.gateway.ops.GatewayMetrics;
import vn.lienthong.gateway.ops.NationalSystems;

/**
 * The citizen lookup flow (routes/citizen-lookup.camel.yaml, bean names used there): the API, and the National
 * Population Database behind its guard, over the route's own CXF bus.
 */
@Configuration
@EnableConfigurationProperties(PopulationProperties.class)
public class CitizenLookupConfiguration {

    @Bean
    LookupVocabularies lookupVocabularies(MappingRegistry mappingRegistry) {
        return new LookupVocabularies(mappingRegistry);
    }

    @Bean
    NationalGuard populationDbGuard(PopulationProperties props, NationalSystems systems, GatewayMetrics metrics) {
        return systems.observe(new NationalGuard(PopulationDbClient.SYSTEM, props), metrics);
    }

    /**
     * The CXF bus of route population-db alone (its URI names it), so that what is set here does not reach the
     * application's shared bus or any later CXF client or service.
     */
    @Bean(destroyMethod = "shutdown")
    Bus populationDbBus() {
        ExtensionManagerBus bus = new ExtensionManagerBus();
        bus.setId("population-db");
        bus.initialize(); // as CXFBusFactory.createBus does, without making it the JVM's default bus
        // CXF 4's default conduit (java.net.http, asynchronous) costs about 2 ms a call here; the
        // URLConnection conduit is blocking, pooled by the JDK's keep-alive cache, and much cheaper.
        bus.setExtension((HTTPConduitFactory) (factory, b, endpoint, target) -> new URLConnectionHTTPConduit(b, endpoint, target),
                HTTPConduitFactory.class);
        // population-db.wsdl states no WS-Policy, and the gateway adds none; the engine's interceptors still computed
        // an empty effective policy on every call (about 2.5 % of a lookup's CPU).
        PolicyEngine policies = bus.getExtension(PolicyEngine.class);
        if (policies != null) {
            policies.setEnabled(false);
        }
        return bus;
    }

    /** Timeouts and authentication headers of the CXF client of route population-db. */
    @Bean
    CxfConfigurer populationDbConfigurer(PopulationProperties p) {
        return new CxfConfigurer() {
            @Override
            public void configure(AbstractWSDLBasedEndpointFactory factoryBean) {
                // the bus, with its conduit and policy settings, is populationDbBus (the route's URI names it)
            }

            @Override
            public void configureClient(Client client) {
                client.getOutInterceptors().add(new PopulationAuthInterceptor(p.getUser(), p.getSecret(), p.getApiKey(),
                        p.getXroadClient(), System::currentTimeMillis));
                HTTPClientPolicy policy = new HTTPClientPolicy();
                policy.setConnectionTimeout(p.getConnectTimeoutMs());
                policy.setReceiveTimeout(p.getResponseTimeoutMs());
                ((HTTPConduit) client.getConduit()).setClient(policy);
            }

            @Override
            public void configureServer(Server server) {
            }
        };
    }

    @Bean
    PopulationDbClient populationDbClient(ProducerTemplate producer, NationalGuard populationDbGuard, PopulationProperties props,
                                          LookupVocabularies vocabularies) {
        return new PopulationDbClient(producer, populationDbGuard, props, () -> vocabularies.get().populationFaults());
    }

    @Bean
    CitizenLookupApi citizenLookupApi(PopulationDbClient populationDbClient, AuditLog auditLog, LookupVocabularies vocabularies,
                                      ObjectMapper json, Clock clock) {
        return new CitizenLookupApi(populationDbClient, auditLog, vocabularies, json, clock);
    }
}
