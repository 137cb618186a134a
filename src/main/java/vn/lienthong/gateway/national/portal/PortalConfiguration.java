package vn.lienthong.gateway.national.portal;

import java.util.function.Supplier;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.lienthong.gateway.audit.NationalDataUse;
import vn.lienthong.gateway.dossier.DossierEventService;
import vn.lienthong.gateway.dossier.NationalDatabasesCompletion;
import vn.lienthong.gateway.mapping.MappingRegistry;
import vn.lienthong.gateway.national.guard.NationalGuard;
import vn.lienthong.gateway.ops.NationalSystems;

/**
 * The National Public Service Portal as a destination: its quota and guard (bulkhead, quota, breaker around every
 * call into routes/national-portal.camel.yaml), the session client and the delivery destination.
 */
@Configuration
@EnableConfigurationProperties(PortalProperties.class)
public class PortalConfiguration {

    @Bean
    PortalQuota nationalPortalQuota(PortalProperties props) {
        return new PortalQuota(props);
    }

    /** Named national-portal in metrics, JMX and health; its failures name the "portal". */
    @Bean
    NationalGuard nationalPortalGuard(PortalProperties props, PortalQuota nationalPortalQuota, NationalSystems systems) {
        NationalGuard guard = new NationalGuard(NationalPortalDestination.NAME, NationalPortalClient.SYSTEM, props,
                nationalPortalQuota);
        systems.register(guard);
        return guard;
    }

    @Bean
    NationalPortalClient nationalPortalClient(ProducerTemplate producer, NationalGuard nationalPortalGuard, PortalProperties props,
                                              MappingRegistry mappings, ObjectMapper json) {
        return new NationalPortalClient(producer, nationalPortalGuard, props, () -> PortalProtocol.from(mappings.current()), json);
    }

    @Bean
    NationalPortalDestination nationalPortalDestination(NationalPortalClient client, MappingRegistry mappings,
                                                        NationalGuard nationalPortalGuard, ObjectMapper json,
                                                        PortalProperties props,
                                                        ObjectProvider<DossierEventService> dossiers, DataSource dataSource) {
        Supplier<PortalProtocol> protocol = () -> PortalProtocol.from(mappings.current());
        return new NationalPortalDestination(client, protocol, nationalPortalGuard.breaker(), json,
                Math.min(100, props.getMaxBatch()), props.longestRequest(),
                // the dossier flow's current vocabulary, asked for at delivery (the flow itself needs the engine first)
                new NationalDatabasesCompletion(new NationalDataUse(dataSource), () -> dossiers.getObject().vocabulary(), protocol));
    }
}
