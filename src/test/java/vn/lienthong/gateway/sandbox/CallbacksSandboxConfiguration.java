package vn.lienthong.gateway.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import vn.lienthong.gateway.onestop.OneStopProperties;

/** The sandbox's one-stop system simulator, the receiver of the portal callbacks the gateway forwards. */
@Configuration
@Profile("sandbox")
public class CallbacksSandboxConfiguration {
    private static final Logger log = LoggerFactory.getLogger(CallbacksSandboxConfiguration.class);

    @Bean(destroyMethod = "stop")
    OneStopSimulator oneStopSimulator(@Value("${gateway.one-stop.sandbox-port}") int port, OneStopProperties props) {
        OneStopSimulator sim = new OneStopSimulator(port, props.getApiKeyHeader(), props.getApiKey()).start();
        log.warn("SANDBOX: one-stop system simulator on {} (control: {}/__sim/state); callbacks go to the simulator",
                sim.baseUrl(), sim.baseUrl());
        return sim;
    }
}
