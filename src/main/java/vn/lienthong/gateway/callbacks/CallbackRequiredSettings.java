package vn.lienthong.gateway.callbacks;

import org.springframework.boot.context.properties.bind.Binder;

import vn.lienthong.gateway.config.RequiredSettings;
import vn.lienthong.gateway.onestop.OneStopProperties;

/** What the portal's callbacks need (the push secret or the poll agency, the payment secret) and the one-stop system they go to. */
public final class CallbackRequiredSettings implements RequiredSettings {
    @Override
    public void check(Binder binder, Missing missing) {
        CallbackProperties callbacks = RequiredSettings.bind(binder, "gateway.callbacks", CallbackProperties.class);
        OneStopProperties oneStop = RequiredSettings.bind(binder, "gateway.one-stop", OneStopProperties.class);
        if (callbacks.getMode() == CallbackProperties.Mode.PUSH) {
            missing.require("gateway.callbacks.secret", callbacks.getSecret());
        } else {
            missing.require("gateway.callbacks.poll-agency", callbacks.getPollAgency());
        }
        missing.require("gateway.callbacks.payment-secret", callbacks.getPaymentSecret());
        missing.require("gateway.one-stop.base-url", oneStop.getBaseUrl());
        missing.require("gateway.one-stop.api-key", oneStop.getApiKey());
    }
}
