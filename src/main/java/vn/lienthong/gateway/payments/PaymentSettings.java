package vn.lienthong.gateway.payments;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.InitializingBean;

import vn.lienthong.gateway.config.RequiredSettings;

/** Refuses to start enabled payments without the platform's URLs, partner code and secret, naming each missing setting. */
class PaymentSettings implements InitializingBean {
    private final PaymentProperties cfg;

    PaymentSettings(PaymentProperties cfg) {
        this.cfg = cfg;
    }

    @Override
    public void afterPropertiesSet() {
        if (!cfg.isEnabled()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        check(cfg.getInitUrl(), "gateway.payments.init-url (GATEWAY_PAYMENTS_INIT_URL)", missing);
        check(cfg.getQueryUrl(), "gateway.payments.query-url (GATEWAY_PAYMENTS_QUERY_URL)", missing);
        check(cfg.getBillUrl(), "gateway.payments.bill-url (GATEWAY_PAYMENTS_BILL_URL)", missing);
        check(cfg.getPartnerCode(), "gateway.payments.partner-code (GATEWAY_PAYMENTS_PARTNER_CODE)", missing);
        check(cfg.getSecret(), "gateway.payments.secret (GATEWAY_PAYMENTS_SECRET)", missing);
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
