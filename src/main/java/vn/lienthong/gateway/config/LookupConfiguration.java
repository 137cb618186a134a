package vn.lienthong.gateway.config;

import java.time.Clock;

import javax.sql.DataSource;

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

import vn.lienthong.gateway.audit.AuditApi;
import vn.lienthong.gateway.audit.AuditLog;
import vn.lienthong.gateway.audit.LookupVolume;
import vn.lienthong.gateway.audit.EnterpriseLookupLog;
import vn.lienthong.gateway.audit.SubjectHasher;
import vn.lienthong.gateway.citizen.CitizenLookupApi;
import vn.lienthong.gateway.citizen.LookupVocabularies;
import vn.lienthong.gateway.enterprise.EnterpriseLookupApi;
import vn.lienthong.gateway.enterprise.EnterpriseLookupService;
import vn.lienthong.gateway.mapping.MappingRegistry;
import vn.lienthong.gateway.national.guard.NationalGuard;
import vn.lienthong.gateway.ops.GatewayMetrics;
import vn.lienthong.gateway.ops.NationalSystems;
import vn.lienthong.gateway.national.population.PopulationAuthInterceptor;
import vn.lienthong.gateway.national.population.PopulationDbClient;
import vn.lienthong.gateway.national.registry.BusinessRegistryClient;
import vn.lienthong.gateway.storage.Durability;

/** Wires the citizen and enterprise lookup flows and the audit log; bean names are those routes/ use. */
@Configuration
@EnableConfigurationProperties(LookupProperties.class)
public class LookupConfiguration {

    @Bean
    LookupRequiredSettings lookupRequiredSettings(LookupProperties props) {
        return new LookupRequiredSettings(props);
    }

    @Bean
    LookupVocabularies lookupVocabularies(MappingRegistry mappingRegistry) {
        return new LookupVocabularies(mappingRegistry);
    }

    @Bean
    NationalGuard populationDbGuard(LookupProperties props, NationalSystems systems, GatewayMetrics metrics) {
        return observed(new NationalGuard(PopulationDbClient.SYSTEM, props.getPopulation()), systems, metrics);
    }

    @Bean
    NationalGuard businessRegistryGuard(LookupProperties props, NationalSystems systems, GatewayMetrics metrics) {
        return observed(new NationalGuard(BusinessRegistryClient.SYSTEM, props.getRegistry()), systems, metrics);
    }

    /** JMX (type=NationalSystem), gauges, health detail, breaker alarm and call timings for a lookup system. */
    private static NationalGuard observed(NationalGuard guard, NationalSystems systems, GatewayMetrics metrics) {
        systems.register(guard.system()).withCircuitBreaker(guard.breaker()).withBulkhead(guard.bulkhead())
                .withRateLimiter(guard.rateLimiter());
        guard.observe((outcome, nanos) -> metrics.called(guard.system(), "lookup", outcome, nanos));
        return guard;
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
    CxfConfigurer populationDbConfigurer(LookupProperties props, LookupRequiredSettings required) {
        LookupProperties.Population p = props.getPopulation();
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
    PopulationDbClient populationDbClient(ProducerTemplate producer, NationalGuard populationDbGuard, LookupProperties props,
                                          LookupVocabularies vocabularies) {
        return new PopulationDbClient(producer, populationDbGuard, props.getPopulation(), () -> vocabularies.get().populationFaults());
    }

    @Bean
    BusinessRegistryClient businessRegistryClient(ProducerTemplate producer, NationalGuard businessRegistryGuard,
                                                  LookupProperties props, ObjectMapper json) {
        return new BusinessRegistryClient(producer, businessRegistryGuard, props.getRegistry(), json);
    }

    @Bean
    EnterpriseLookupService enterpriseLookupService(BusinessRegistryClient businessRegistryClient, LookupProperties props,
                                                    NationalSystems systems) {
        EnterpriseLookupService service = new EnterpriseLookupService(businessRegistryClient, props.getRegistry().getCache());
        systems.register(BusinessRegistryClient.SYSTEM).withCache(service::cacheHits, service::cacheMisses);
        return service;
    }

    @Bean
    AuditLog auditLog(DataSource dataSource, LookupProperties props, Clock clock, LookupRequiredSettings required,
                      Durability durability) {
        return new AuditLog(dataSource, new SubjectHasher(props.getAudit().getHmacSecret()), clock, durability);
    }

    @Bean
    LookupVolume lookupVolume(DataSource dataSource, Clock clock) {
        return new LookupVolume(dataSource, clock);
    }

    @Bean
    CitizenLookupApi citizenLookupApi(PopulationDbClient populationDbClient, AuditLog auditLog, LookupVocabularies vocabularies,
                                      ObjectMapper json, Clock clock) {
        return new CitizenLookupApi(populationDbClient, auditLog, vocabularies, json, clock);
    }

    @Bean
    EnterpriseLookupApi enterpriseLookupApi(EnterpriseLookupService enterpriseLookupService, LookupVocabularies vocabularies,
                                            DataSource dataSource, Clock clock) {
        return new EnterpriseLookupApi(enterpriseLookupService, vocabularies, new EnterpriseLookupLog(dataSource, clock));
    }

    @Bean
    AuditApi auditApi(AuditLog auditLog, ObjectMapper json, LookupProperties props) {
        return new AuditApi(auditLog, json, props.getAudit().getMaxRows());
    }
}
