package vn.lienthong.gateway.payments;

import org.springframework.boot.context.properties.bind.Binder;

import vn.lienthong.gateway.config.RequiredSettings;

/** The payment platform's URLs, the partner code and the sealing secret, when payments are enabled. */
public final class PaymentRequiredSettings implements RequiredSettings {
    @Override
    public void check(Binder binder, Missing missing) {
        PaymentProperties cfg = RequiredSettings.bind(binder, "gateway.payments", PaymentProperties.class);
        if (!cfg.isEnabled()) {
            return;
        }
        missing.require("gateway.payments.init-url", cfg.getInitUrl());
        missing.require("gateway.payments.query-url", cfg.getQueryUrl());
        missing.require("gateway.payments.bill-url", cfg.getBillUrl());
        missing.require("gateway.payments.partner-code", cfg.getPartnerCode());
        missing.require("gateway.payments.secret", cfg.getSecret());
    }
}
