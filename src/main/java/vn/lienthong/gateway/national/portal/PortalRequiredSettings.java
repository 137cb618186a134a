package vn.lienthong.gateway.national.portal;

import org.springframework.boot.context.properties.bind.Binder;

import vn.lienthong.gateway.config.RequiredSettings;

/** The portal's address and the province's account on it. */
public final class PortalRequiredSettings implements RequiredSettings {
    @Override
    public void check(Binder binder, Missing missing) {
        PortalProperties p = RequiredSettings.bind(binder, "gateway.portal", PortalProperties.class);
        missing.require("gateway.portal.base-url", p.getBaseUrl());
        missing.require("gateway.portal.username", p.getUsername());
        missing.require("gateway.portal.password", p.getPassword());
        missing.require("gateway.portal.dstcode", p.getDstcode());
    }
}
