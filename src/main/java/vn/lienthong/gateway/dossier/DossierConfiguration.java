package vn.lienthong.gateway.dossier;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.lienthong.gateway.catalogue.ProcedureCatalogue;
import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.mapping.MappingRegistry;

/** The dossier flow: the one-stop system's status events, checked, translated and put in the outbox (routes/dossier-events.camel.yaml). */
@Configuration
@EnableConfigurationProperties(DossierApiProperties.class)
public class DossierConfiguration {

    @Bean
    DossierEventService dossierEventService(DeliveryStore store, DeliveryEngine engine, MappingRegistry mappings, Clock clock,
                                            ProcedureCatalogue procedureCatalogue, ObjectProvider<PlatformPayments> payments) {
        return new DossierEventService(new DossierEventValidator(clock),
                new DossierEventTranslator(payments.getIfAvailable(() -> PlatformPayments.NONE)),
                store, engine, mappings, procedureCatalogue);
    }

    @Bean
    DossierEventsApi dossierEventsApi(DossierEventService service, ObjectMapper json, DossierApiProperties props) {
        return new DossierEventsApi(service, json, props);
    }
}
