package vn.lienthong.gateway.callbacks;

import java.time.Clock;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.mapping.MappingRegistry;
import vn.lienthong.gateway.national.guard.NationalGuard;
import vn.lienthong.gateway.national.portal.NationalPortalClient;
import vn.lienthong.gateway.national.portal.PortalProtocol;
import vn.lienthong.gateway.onestop.OneStopDestination;
import vn.lienthong.gateway.onestop.OneStopProperties;
import vn.lienthong.gateway.ops.NationalSystems;

/**
 * Wires the portal callbacks (push and poll) and the one-stop system as the delivery engine's second
 * destination; names used by routes/ are the bean names here.
 */
@Configuration
@EnableConfigurationProperties({CallbackProperties.class, OneStopProperties.class})
public class CallbacksConfiguration {

    /** Bulkhead, optional quota and breaker around every call into routes/one-stop-forwarding.camel.yaml. */
    @Bean
    NationalGuard oneStopGuard(OneStopProperties props, NationalSystems systems) {
        NationalGuard guard = OneStopDestination.guard(props);
        systems.register(guard);
        return guard;
    }

    @Bean
    OneStopDestination oneStopDestination(ProducerTemplate producer, OneStopProperties props, NationalGuard oneStopGuard,
                                          ObjectMapper json) {
        return new OneStopDestination(producer, props, oneStopGuard, json);
    }

    @Bean
    CallbackService callbackService(DeliveryStore store, DeliveryEngine engine, MappingRegistry mappings,
                                    CallbackProperties props, Clock clock,
                                    org.springframework.beans.factory.ObjectProvider<PaymentResults> payments) {
        return new CallbackService(new CallbackValidator(clock, props.getPaymentSecret()), new CallbackTranslator(),
                store, engine, mappings, payments.getIfAvailable(() -> PaymentResults.NONE));
    }

    @Bean
    CallbackSignature callbackSignature(CallbackProperties props, Clock clock) {
        return new CallbackSignature(props.getSecret(), props.getPreviousSecret(), props.getMaxClockSkew(), clock);
    }

    @Bean
    PortalCallbackApi portalCallbackApi(CallbackService service, CallbackSignature callbackSignature,
                                        CallbackProperties props, ObjectMapper json, DataSource dataSource, Clock clock) {
        return new PortalCallbackApi(service, callbackSignature, props, json,
                new SignatureReplayCache(dataSource, props.getMaxClockSkew(), clock));
    }

    @Bean
    PortalPoller portalPoller(NationalPortalClient client, CallbackService service, MappingRegistry mappings,
                              CallbackProperties props, ObjectMapper json) {
        return new PortalPoller(client, service, () -> PortalProtocol.from(mappings.current()), props, json);
    }
}
