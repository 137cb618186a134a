package vn.lienthong.gateway.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import vn.lienthong.gateway.civilstatus.CivilStatusProperties;

/** The sandbox's linked civil-status service, with a few sample birth and death dossiers waiting. */
@Configuration
@Profile("sandbox")
public class CivilStatusSandboxConfiguration {
    private static final Logger log = LoggerFactory.getLogger(CivilStatusSandboxConfiguration.class);

    @Bean(destroyMethod = "stop")
    CivilStatusSimulator civilStatusSimulator(@Value("${gateway.civil-status.sandbox-port}") int port,
                                              @Value("${gateway.civil-status.sandbox-samples:4}") int samples,
                                              CivilStatusProperties props) {
        CivilStatusSimulator sim = new CivilStatusSimulator(port, props.getUsername(), props.getPassword(), 1800).start();
        for (int n = 1; n <= samples; n++) {
            sim.add(CivilStatusSamples.sample(n));
        }
        log.warn("SANDBOX: linked civil-status service simulator on {} with {} waiting dossiers (control: {}/__sim/state)",
                sim.baseUrl(), samples, sim.baseUrl());
        return sim;
    }
}
