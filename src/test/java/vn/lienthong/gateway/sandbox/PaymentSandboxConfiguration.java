package vn.lienthong.gateway.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import vn.lienthong.gateway.payments.PaymentProperties;

/** The sandbox's national payment platform: its payment page pays on a click and confirms to this gateway. */
@Configuration
@Profile("sandbox")
public class PaymentSandboxConfiguration {
    private static final Logger log = LoggerFactory.getLogger(PaymentSandboxConfiguration.class);

    @Bean(destroyMethod = "stop")
    PaymentPlatformSimulator paymentPlatformSimulator(@Value("${gateway.payments.sandbox-port}") int port,
                                                      @Value("${server.port}") int gatewayPort, PaymentProperties props) {
        String token = props.getAccessToken() == null || props.getAccessToken().isBlank() ? null : props.getAccessToken();
        PaymentPlatformSimulator sim = new PaymentPlatformSimulator(port, props.getPartnerCode(), props.getSecret(), token).start();
        sim.confirmTo("http://localhost:" + gatewayPort + "/api/v1/payment-platform/confirm");
        log.warn("SANDBOX: payment platform simulator on {} (control: {}/__sim/state); payments go to the simulator", sim.baseUrl(), sim.baseUrl());
        return sim;
    }
}
