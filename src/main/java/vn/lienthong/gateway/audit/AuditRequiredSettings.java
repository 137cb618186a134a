package vn.lienthong.gateway.audit;

import org.springframework.boot.context.properties.bind.Binder;

import vn.lienthong.gateway.config.RequiredSettings;

/** The key that stands for a personal ID in the audit log. */
public final class AuditRequiredSettings implements RequiredSettings {
    @Override
    public void check(Binder binder, Missing missing) {
        missing.require("gateway.audit.hmac-secret", RequiredSettings.bind(binder, "gateway.audit", AuditProperties.class).getHmacSecret());
    }
}
