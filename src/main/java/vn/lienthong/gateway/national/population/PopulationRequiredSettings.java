package vn.lienthong.gateway.national.population;

import org.springframework.boot.context.properties.bind.Binder;

import vn.lienthong.gateway.config.RequiredSettings;

/** The population database's endpoint, credentials and the codes assigned to the province's system. */
public final class PopulationRequiredSettings implements RequiredSettings {
    @Override
    public void check(Binder binder, Missing missing) {
        PopulationProperties p = RequiredSettings.bind(binder, "gateway.population", PopulationProperties.class);
        missing.require("gateway.population.url", p.getUrl());
        missing.require("gateway.population.user", p.getUser());
        missing.require("gateway.population.secret", p.getSecret());
        missing.require("gateway.population.api-key", p.getApiKey());
        missing.require("gateway.population.xroad-client", p.getXroadClient());
        missing.require("gateway.population.consumer-code", p.getConsumerCode());
        missing.require("gateway.population.integration-code", p.getIntegrationCode());
        missing.require("gateway.population.agency-code", p.getAgencyCode());
    }
}
