package vn.lienthong.gateway.ops;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import vn.lienthong.gateway.audit.LookupVolume;
import vn.lienthong.gateway.security.SecurityProperties;
import vn.lienthong.gateway.catalogue.CatalogueStatus;
import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.mapping.MappingRegistry;
import vn.lienthong.gateway.national.portal.NationalPortalClient;
import vn.lienthong.gateway.onestop.OneStopDestination;

/** What administrators see and steer: metrics, health, info, alarms, correlation ids (docs/operations.md). */
@Configuration
@EnableConfigurationProperties({OpsProperties.class, RetentionProperties.class})
public class OpsConfiguration {

    @Bean
    NationalSystems nationalSystems(Clock clock, OpsProperties props) {
        RemoteJmxGuard.check(props.isRemoteJmxRequireSsl());
        return new NationalSystems(clock);
    }

    @Bean
    GatewayMetrics gatewayMetrics(DeliveryEngine engine, DeliveryStore store, NationalSystems systems, Clock clock,
                                  OpsProperties props, NationalPortalClient portalClient, OneStopDestination oneStop) {
        GatewayMetrics metrics = new GatewayMetrics(engine, store, systems, clock, props.getMetricsCache());
        portalClient.observe(metrics);
        oneStop.observe(metrics);
        return metrics;
    }

    /** Bean name used by routes/ops-alarms.camel.yaml. */
    @Bean
    Alarms gatewayAlarms(DeliveryEngine engine, GatewayMetrics metrics, NationalSystems systems, OpsProperties props,
                         Clock clock, MeterRegistry registry, ObjectProvider<LookupVolume> lookups,
                         SecurityProperties security, CatalogueStatus catalogueStatus) {
        return new Alarms(engine, metrics, systems, props.getAlarms(), clock, registry, lookups.getIfAvailable(),
                security, catalogueStatus);
    }

    @Bean
    DeliveryLifecycle deliveryLifecycle(DeliveryEngine engine, MappingRegistry mappings, NationalSystems systems,
                                        OpsProperties ops) {
        return new DeliveryLifecycle(engine, mappings, systems, ops.isRegisterMbeans());
    }

    @Bean
    AdminApi adminApi(DeliveryEngine engine, MappingRegistry mappings, com.fasterxml.jackson.databind.ObjectMapper json) {
        return new AdminApi(engine, mappings, json);
    }

    @Bean
    RetentionJob retentionJob(javax.sql.DataSource dataSource, RetentionProperties props, Clock clock) {
        return new RetentionJob(dataSource, props, clock);
    }

    @Bean
    ApiErrors apiErrors() {
        return new ApiErrors();
    }

    @Bean
    NationalSystemsHealth nationalSystemsHealthIndicator(NationalSystems systems) {
        return new NationalSystemsHealth(systems);
    }

    @Bean
    MappingsInfo mappingsInfoContributor(MappingRegistry mappings) {
        return new MappingsInfo(mappings);
    }

    /** First of all filters, so the security filters' refusals carry the id too. */
    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> r = new FilterRegistrationBean<>(new CorrelationIdFilter());
        r.setOrder(Ordered.HIGHEST_PRECEDENCE);
        r.addUrlPatterns("/*");
        return r;
    }
}
