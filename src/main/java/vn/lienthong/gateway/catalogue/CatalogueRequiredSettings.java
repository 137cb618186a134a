package vn.lienthong.gateway.catalogue;

import org.springframework.boot.context.properties.bind.Binder;

import vn.lienthong.gateway.config.RequiredSettings;

/** The agency whose account reads the national procedure catalogue. */
public final class CatalogueRequiredSettings implements RequiredSettings {
    @Override
    public void check(Binder binder, Missing missing) {
        missing.require("gateway.catalogue.agency", RequiredSettings.bind(binder, "gateway.catalogue", CatalogueProperties.class).getAgency());
    }
}
