package vn.lienthong.gateway.national.registry;

import org.springframework.boot.context.properties.bind.Binder;

import vn.lienthong.gateway.config.RequiredSettings;

/** The business registry's address and key. */
public final class RegistryRequiredSettings implements RequiredSettings {
    @Override
    public void check(Binder binder, Missing missing) {
        RegistryProperties r = RequiredSettings.bind(binder, "gateway.registry", RegistryProperties.class);
        missing.require("gateway.registry.base-url", r.getBaseUrl());
        missing.require("gateway.registry.api-key", r.getApiKey());
    }
}
