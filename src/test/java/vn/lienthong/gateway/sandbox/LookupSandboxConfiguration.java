package vn.lienthong.gateway.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import vn.lienthong.gateway.national.population.PopulationProperties;
import vn.lienthong.gateway.national.registry.RegistryProperties;

/** The sandbox profile's simulators of the population database and the business registry. */
@Configuration
@Profile("sandbox")
public class LookupSandboxConfiguration {
    private static final Logger log = LoggerFactory.getLogger(LookupSandboxConfiguration.class);

    @Bean(destroyMethod = "stop")
    PopulationSimulator populationSimulator(@Value("${gateway.lookups-sandbox.population-port}") int port, PopulationProperties p) {
        PopulationSimulator sim = new PopulationSimulator(port, p.getUser(), p.getSecret(), p.getApiKey()).start();
        log.warn("SANDBOX: population database simulator on {} (control: {}/__sim/state); fictional records only",
                sim.baseUrl(), sim.baseUrl());
        return sim;
    }

    @Bean(destroyMethod = "stop")
    RegistrySimulator registrySimulator(@Value("${gateway.lookups-sandbox.registry-port}") int port, RegistryProperties props) {
        RegistrySimulator sim = new RegistrySimulator(port, props.getApiKey()).start();
        log.warn("SANDBOX: business registry simulator on {} (control: {}/__sim/state); fictional records only",
                sim.baseUrl(), sim.baseUrl());
        return sim;
    }
}
