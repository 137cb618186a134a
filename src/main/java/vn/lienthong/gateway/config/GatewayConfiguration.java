package vn.lienthong.gateway.config;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import vn.lienthong.gateway.audit.NationalDataUse;
import vn.lienthong.gateway.callbacks.CallbackVocabulary;
import vn.lienthong.gateway.catalogue.ProcedureCatalogue;
import vn.lienthong.gateway.delivery.DeliveryDestination;
import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.storage.Durability;
import vn.lienthong.gateway.storage.H2Compaction;
import vn.lienthong.gateway.dossier.DossierEventService;
import vn.lienthong.gateway.dossier.DossierEventTranslator;
import vn.lienthong.gateway.dossier.DossierEventValidator;
import vn.lienthong.gateway.dossier.DossierEventsApi;
import vn.lienthong.gateway.dossier.DossierVocabulary;
import vn.lienthong.gateway.dossier.NationalDatabasesCompletion;
import vn.lienthong.gateway.mapping.MappingCheck;
import vn.lienthong.gateway.mapping.MappingRegistry;
import vn.lienthong.gateway.national.portal.NationalPortalClient;
import vn.lienthong.gateway.national.portal.NationalPortalDestination;
import vn.lienthong.gateway.national.portal.PortalProtocol;
import vn.lienthong.gateway.national.portal.PortalQuota;
import vn.lienthong.gateway.ops.AdminApi;
import vn.lienthong.gateway.ops.ApiErrors;
import vn.lienthong.gateway.ops.DeliveryLifecycle;
import vn.lienthong.gateway.ops.NationalSystems;
import vn.lienthong.gateway.ops.OpsProperties;
import vn.lienthong.gateway.ops.RetentionJob;

/** Wires the engine, the flows and the national clients; names used by routes/ are the bean names here. */
@Configuration
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayConfiguration {

    @Bean
    RequiredSettings requiredSettings(GatewayProperties props) {
        return new RequiredSettings(props);
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

    @Bean
    Durability durability(DataSource dataSource, GatewayProperties props) {
        return Durability.of(dataSource, props.getStorage().isH2SyncToDisk());
    }

    /** Reports on an embedded H2 file and, when configured, compacts it in small steps (nothing on PostgreSQL). */
    @Bean(destroyMethod = "close")
    H2Compaction h2Compaction(DataSource dataSource, GatewayProperties props, Durability durability,
                              ObjectProvider<MeterRegistry> meters) {
        H2Compaction job = H2Compaction.start(dataSource, props.getStorage().getH2Compaction().policy(), durability::waits);
        MeterRegistry registry = meters.getIfAvailable();
        if (job.onH2File() && registry != null) {
            Gauge.builder("lienthong.h2.file.size", job::fileBytes).baseUnit("bytes")
                    .description("size of the embedded H2 database file").register(registry);
            Gauge.builder("lienthong.h2.chunks.fill", job::chunksFillRate).baseUnit("percent")
                    .description("live share of the H2 file's chunks")
                    .register(registry);
            Gauge.builder("lienthong.h2.cache.hits", job::cacheHitPercent).baseUnit("percent")
                    .description("share of page reads served by H2's page cache (CACHE_SIZE in the database URL)")
                    .register(registry);
            FunctionCounter.builder("lienthong.h2.file.reads", job, H2Compaction::fileReads)
                    .description("pages H2 read from its file because its cache did not hold them").register(registry);
            FunctionCounter.builder("lienthong.h2.compaction.steps", job, H2Compaction::steps)
                    .description("steps of the gateway's compaction that rewrote chunks of the H2 file").register(registry);
            FunctionCounter.builder("lienthong.h2.compaction.moves", job, H2Compaction::moves)
                    .description("quiet steps of the gateway's compaction that moved chunks toward the front of the H2 file")
                    .register(registry);
        }
        return job;
    }

    @Bean
    DeliveryStore deliveryStore(DataSource dataSource, PlatformTransactionManager tx, Clock clock, Durability durability,
                                GatewayProperties props) {
        return new DeliveryStore(dataSource, tx, clock, durability, props.getDelivery().getAcceptTimeout());
    }

    @Bean
    CircuitBreaker nationalPortalCircuitBreaker(GatewayProperties props) {
        GatewayProperties.Breaker b = props.getPortal().getCircuitBreaker();
        return b.build(NationalPortalDestination.NAME);
    }

    @Bean
    PortalQuota nationalPortalQuota(GatewayProperties props) {
        return new PortalQuota(props.getPortal());
    }

    @Bean
    vn.lienthong.gateway.national.UnavailableAnswerCheck nationalPortalAnswerCheck() {
        return new vn.lienthong.gateway.national.UnavailableAnswerCheck("portal", false);
    }

    @Bean
    NationalPortalClient nationalPortalClient(ProducerTemplate producer, GatewayProperties props, MappingRegistry mappings,
                                              ObjectMapper json) {
        return new NationalPortalClient(producer, props.getPortal(), () -> PortalProtocol.from(mappings.current()), json);
    }

    @Bean
    NationalPortalDestination nationalPortalDestination(NationalPortalClient client, MappingRegistry mappings,
                                                        CircuitBreaker nationalPortalCircuitBreaker, ObjectMapper json,
                                                        GatewayProperties props, NationalSystems systems,
                                                        PortalQuota nationalPortalQuota,
                                                        ObjectProvider<DossierEventService> dossiers, DataSource dataSource) {
        systems.register(NationalPortalDestination.NAME).withCircuitBreaker(nationalPortalCircuitBreaker)
                .withRateLimiter(nationalPortalQuota.limiter());
        Supplier<PortalProtocol> protocol = () -> PortalProtocol.from(mappings.current());
        return new NationalPortalDestination(client, protocol, nationalPortalCircuitBreaker, json,
                Math.min(100, props.getPortal().getMaxBatch()), props.getPortal().longestRequest(),
                // the dossier flow's current vocabulary, asked for at delivery (the flow itself needs the engine first)
                new NationalDatabasesCompletion(new NationalDataUse(dataSource), () -> dossiers.getObject().vocabulary(), protocol));
    }

    @Bean
    DeliveryEngine deliveryEngine(List<DeliveryDestination> destinations, DeliveryStore store, GatewayProperties props,
                                  Clock clock) {
        return new DeliveryEngine(destinations, store, props.getDelivery(), clock, owner());
    }

    @Bean
    DeliveryLifecycle deliveryLifecycle(DeliveryEngine engine, MappingRegistry mappings, NationalSystems systems,
                                        OpsProperties ops) {
        return new DeliveryLifecycle(engine, mappings, systems, ops.isRegisterMbeans());
    }

    @Bean
    DossierEventService dossierEventService(DeliveryStore store, DeliveryEngine engine, MappingRegistry mappings, Clock clock,
                                            ProcedureCatalogue procedureCatalogue,
                                            org.springframework.beans.factory.ObjectProvider<vn.lienthong.gateway.dossier.PlatformPayments> payments) {
        return new DossierEventService(new DossierEventValidator(clock),
                new DossierEventTranslator(payments.getIfAvailable(() -> vn.lienthong.gateway.dossier.PlatformPayments.NONE)),
                store, engine, mappings, procedureCatalogue);
    }

    @Bean
    DossierEventsApi dossierEventsApi(DossierEventService service, ObjectMapper json, GatewayProperties props) {
        return new DossierEventsApi(service, json, props.getApi());
    }

    @Bean
    AdminApi adminApi(DeliveryEngine engine, MappingRegistry mappings, ObjectMapper json) {
        return new AdminApi(engine, mappings, json);
    }

    @Bean
    RetentionJob retentionJob(DataSource dataSource, GatewayProperties props, Clock clock) {
        return new RetentionJob(dataSource, props.getRetention(), clock);
    }

    @Bean
    ApiErrors apiErrors() {
        return new ApiErrors();
    }

    /** Names this instance in claims, so an operator can tell which instance holds an event. */
    private static String owner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
