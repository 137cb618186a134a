package vn.lienthong.gateway.delivery;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import vn.lienthong.gateway.storage.Durability;

/** The delivery engine: the outbox and one dispatcher per destination the flows declare. */
@Configuration
@EnableConfigurationProperties(DeliveryProperties.class)
public class DeliveryConfiguration {

    @Bean
    DeliveryStore deliveryStore(DataSource dataSource, PlatformTransactionManager tx, Clock clock, Durability durability,
                                DeliveryProperties props) {
        return new DeliveryStore(dataSource, tx, clock, durability, props.getAcceptTimeout());
    }

    @Bean
    DeliveryEngine deliveryEngine(List<DeliveryDestination> destinations, DeliveryStore store, DeliveryProperties props,
                                  Clock clock) {
        return new DeliveryEngine(destinations, store, props, clock, owner());
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
