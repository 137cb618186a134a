package vn.lienthong.gateway.civilstatus;

import org.springframework.boot.context.properties.bind.Binder;

import vn.lienthong.gateway.config.RequiredSettings;

/** The linked civil-status service's address and account, when the flow is enabled. */
public final class CivilStatusRequiredSettings implements RequiredSettings {
    @Override
    public void check(Binder binder, Missing missing) {
        CivilStatusProperties cfg = RequiredSettings.bind(binder, "gateway.civil-status", CivilStatusProperties.class);
        if (!cfg.isEnabled()) {
            return;
        }
        missing.require("gateway.civil-status.base-url", cfg.getBaseUrl());
        missing.require("gateway.civil-status.username", cfg.getUsername());
        missing.require("gateway.civil-status.password", cfg.getPassword());
    }
}
