package vn.lienthong.gateway.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import vn.lienthong.gateway.national.portal.PortalProperties;

/** The sandbox profile's in-process national simulators, started before the routes that call them. */
@Configuration
@Profile("sandbox")
public class SandboxConfiguration {
    /**
     * Every simulator listens on the loopback interface only: their control endpoints (/__sim/…) take no
     * credentials, and nothing but this machine's gateway should ever reach a stand-in for a national system.
     */
    public static final String BIND_ADDRESS = "127.0.0.1";
    private static final Logger log = LoggerFactory.getLogger(SandboxConfiguration.class);

    @Bean(destroyMethod = "stop")
    PortalSimulator portalSimulator(@Value("${gateway.sandbox.portal-port}") int port,
                                    @Value("${gateway.sandbox.portal-keep:200000}") int keep, PortalProperties props) {
        PortalSimulator sim = new PortalSimulator(port, props.getUsername(), props.getPassword(), keep).start();
        log.warn("SANDBOX: national portal simulator on {} (control: {}/__sim/state); events go to the simulator, not the real portal",
                sim.baseUrl(), sim.baseUrl());
        return sim;
    }
}
