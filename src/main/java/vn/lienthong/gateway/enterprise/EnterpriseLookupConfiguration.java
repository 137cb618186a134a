package vn.lienthong.gateway.enterprise;

import java.time.Clock;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.lienthong.gateway.audit.EnterpriseLookupLog;
import vn.lienthong.gateway.citizen.LookupVocabularies;
import vn.lienthong.gateway.national.guard.NationalGuard;
import vn.lienthong.gateway.national.registry.BusinessRegistryClient;
import vn.lienthong.gateway.national.registry.RegistryProperties;
import vn.lienthong.gateway.ops.GatewayMetrics;
import vn.lienthong.gateway.ops.NationalSystems;

/** The enterprise lookup flow (routes/enterprise-lookup.camel.yaml): the API, its cache, the business registry behind its guard. */
@Configuration
@EnableConfigurationProperties(RegistryProperties.class)
public class EnterpriseLookupConfiguration {

    @Bean
    NationalGuard businessRegistryGuard(RegistryProperties props, NationalSystems systems, GatewayMetrics metrics) {
        return systems.observe(new NationalGuard(BusinessRegistryClient.SYSTEM, props), metrics);
    }

    @Bean
    BusinessRegistryClient businessRegistryClient(ProducerTemplate producer, NationalGuard businessRegistryGuard,
                                                  RegistryProperties props, ObjectMapper json) {
        return new BusinessRegistryClient(producer, businessRegistryGuard, props, json);
    }

    @Bean
    EnterpriseLookupService enterpriseLookupService(BusinessRegistryClient businessRegistryClient, RegistryProperties props,
                                                    NationalSystems systems) {
        EnterpriseLookupService service = new EnterpriseLookupService(businessRegistryClient, props.getCache());
        systems.register(BusinessRegistryClient.SYSTEM).withCache(service::cacheHits, service::cacheMisses);
        return service;
    }

    @Bean
    EnterpriseLookupApi enterpriseLookupApi(EnterpriseLookupService enterpriseLookupService, LookupVocabularies vocabularies,
                                            DataSource dataSource, Clock clock) {
        return new EnterpriseLookupApi(enterpriseLookupService, vocabularies, new EnterpriseLookupLog(dataSource, clock));
    }
}
