package vn.lienthong.gateway.callbacks;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.InitializingBean;

import vn.lienthong.gateway.config.RequiredSettings;
import vn.lienthong.gateway.onestop.OneStopProperties;

/**
 * Refuses to start without what the portal callbacks need, naming each missing setting and its environment
 * variable (reported like the national settings, by MissingSettingsFailureAnalyzer). The sandbox profile
 * supplies published demo values; nothing else does.
 */
public class CallbackSettings implements InitializingBean {
    private final CallbackProperties callbacks;
    private final OneStopProperties oneStop;

    public CallbackSettings(CallbackProperties callbacks, OneStopProperties oneStop) {
        this.callbacks = callbacks;
        this.oneStop = oneStop;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> missing = new ArrayList<>();
        if (callbacks.getMode() == CallbackProperties.Mode.PUSH) {
            check(callbacks.getSecret(), "gateway.callbacks.secret (GATEWAY_CALLBACKS_SECRET)", missing);
        } else {
            check(callbacks.getPollAgency(), "gateway.callbacks.poll-agency (GATEWAY_CALLBACKS_POLL_AGENCY)", missing);
        }
        check(callbacks.getPaymentSecret(), "gateway.callbacks.payment-secret (GATEWAY_CALLBACKS_PAYMENT_SECRET)", missing);
        check(oneStop.getBaseUrl(), "gateway.one-stop.base-url (GATEWAY_ONE_STOP_BASE_URL)", missing);
        check(oneStop.getApiKey(), "gateway.one-stop.api-key (GATEWAY_ONE_STOP_API_KEY)", missing);
        if (!missing.isEmpty()) {
            throw new RequiredSettings.MissingSettingsException(missing);
        }
    }

    private static void check(String value, String name, List<String> missing) {
        if (value == null || value.isBlank()) {
            missing.add(name);
        }
    }
}
