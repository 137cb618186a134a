package vn.lienthong.gateway.catalogue;

import java.time.Clock;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.mapping.MappingRegistry;
import vn.lienthong.gateway.national.portal.NationalPortalClient;
import vn.lienthong.gateway.national.portal.PortalProtocol;
import vn.lienthong.gateway.national.portal.PortalQuota;
import vn.lienthong.gateway.ops.OpsProperties;

/** Wires the national procedure catalogue (docs/catalogue.md); names used by routes/ are the bean names here. */
@Configuration
@EnableConfigurationProperties(CatalogueProperties.class)
public class CatalogueConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    CatalogueStore catalogueStore(DataSource dataSource) {
        return new CatalogueStore(dataSource);
    }

    /** Read by the dossier-events flow (event checks, record fields) and by whoever needs a procedure's codes. */
    @Bean
    ProcedureCatalogue procedureCatalogue(CatalogueStore store, MappingRegistry mappings) {
        return new ProcedureCatalogue(store, mappings);
    }

    /** Bean name used by routes/catalogue.camel.yaml. */
    @Bean
    CatalogueRefresh catalogueRefresh(CatalogueProperties props, NationalPortalClient client, MappingRegistry mappings,
                                      PortalQuota nationalPortalQuota, CatalogueStore store, ProcedureCatalogue catalogue,
                                      DataSource dataSource, Clock clock, DeliveryEngine engine) {
        nationalPortalQuota.shareWithBackground(props.getQuotaShareWhileBusy());
        CataloguePortal portal = new CataloguePortal(client, () -> PortalProtocol.from(mappings.current()), props);
        return new CatalogueRefresh(portal, store, catalogue, props, dataSource, clock, engine.owner());
    }

    @Bean
    CatalogueStatus catalogueStatus(ProcedureCatalogue catalogue, CatalogueStore store, CatalogueRefresh refresh, Clock clock,
                                    OpsProperties ops) {
        return new CatalogueStatus(catalogue, store, refresh, clock, ops.getMetricsCache());
    }

    @Bean
    CatalogueMetrics catalogueMetrics(CatalogueStatus status, CatalogueRefresh refresh) {
        CatalogueMetrics metrics = new CatalogueMetrics(status);
        refresh.listen(metrics);
        return metrics;
    }

    /** {@code vn.lienthong.gateway:type=Catalogue}, unless MBeans are off (a second gateway in one JVM). */
    @Bean(initMethod = "register", destroyMethod = "unregister")
    CatalogueControl catalogueControl(CatalogueStatus status, CatalogueRefresh refresh, OpsProperties ops) {
        return new CatalogueControl(status, refresh, ops.isRegisterMbeans());
    }

    /** Bean name used by routes/catalogue.camel.yaml. */
    @Bean
    CatalogueApi catalogueApi(CatalogueStatus status, CatalogueRefresh refresh, ProcedureCatalogue catalogue, ObjectMapper json) {
        return new CatalogueApi(status, refresh, catalogue, json);
    }
}
