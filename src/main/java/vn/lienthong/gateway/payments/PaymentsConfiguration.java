package vn.lienthong.gateway.payments;

import java.time.Clock;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;

import vn.lienthong.gateway.callbacks.PaymentResults;
import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.dossier.PlatformPayments;
import vn.lienthong.gateway.national.guard.NationalGuard;
import vn.lienthong.gateway.ops.Alarms;
import vn.lienthong.gateway.ops.NationalSystems;
import vn.lienthong.gateway.storage.Durability;

/**
 * Wires payments through the national payment platform: the platform's client, the transactions, the service, the
 * QUERY job and the REST handlers; names used by routes/payments.camel.yaml are the bean names here. The dossier flow
 * reads the paid fees through {@link PlatformPayments}.
 */
@Configuration
@EnableConfigurationProperties(PaymentProperties.class)
public class PaymentsConfiguration {

    /** Named payment-platform in metrics, JMX and health. */
    @Bean
    NationalGuard paymentPlatformGuard(PaymentProperties cfg, NationalSystems systems) {
        NationalGuard guard = new NationalGuard(PlatformClient.SYSTEM, cfg);
        systems.register(guard);
        return guard;
    }

    @Bean(destroyMethod = "close")
    PlatformClient paymentPlatformClient(PaymentProperties cfg, NationalGuard paymentPlatformGuard) {
        return new PlatformClient(cfg, paymentPlatformGuard);
    }

    @Bean
    Transactions paymentTransactions(DataSource dataSource, PlatformTransactionManager tx, DeliveryStore store,
                                     Durability durability, Clock clock) {
        return new Transactions(dataSource, tx, store, durability, clock);
    }

    @Bean
    PaymentService paymentService(PaymentProperties cfg, Transactions paymentTransactions, PlatformClient paymentPlatformClient,
                                  @Lazy DeliveryEngine engine, @Lazy Alarms alarms, ObjectMapper json, Clock clock) {
        return new PaymentService(cfg, paymentTransactions, paymentPlatformClient, engine, alarms, json, clock);
    }

    @Bean
    PaymentQueries paymentQueries(PaymentService paymentService, DataSource dataSource, Clock clock) {
        return new PaymentQueries(paymentService, dataSource, clock);
    }

    @Bean
    PaymentsApi paymentsApi(PaymentService paymentService, DeliveryStore store, ObjectMapper json) {
        return new PaymentsApi(paymentService, store, json);
    }

    /** The portal's THANH_TOAN items of transactions opened here settle them (docs/payments.md). */
    @Bean
    PaymentResults portalPaymentResults(PaymentService paymentService) {
        return (data, paid) -> paymentService.settings().isEnabled() ? paymentService.portalResult(data, paid) : java.util.Optional.empty();
    }

    @Bean
    PlatformPayments platformPayments(Transactions paymentTransactions, ObjectMapper json) {
        return new PaidDossiers(paymentTransactions, json);
    }
}
