package vn.lienthong.gateway.civilstatus;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.InitializingBean;

import vn.lienthong.gateway.config.RequiredSettings;

/**
 * Refuses to start the enabled civil-status flow without the service's URL and credentials, naming each missing
 * setting and its environment variable (reported by MissingSettingsFailureAnalyzer, as the national settings).
 */
class CivilStatusSettings implements InitializingBean {
    private final CivilStatusProperties cfg;

    CivilStatusSettings(CivilStatusProperties cfg) {
        this.cfg = cfg;
    }

    @Override
    public void afterPropertiesSet() {
        if (!cfg.isEnabled()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        check(cfg.getBaseUrl(), "gateway.civil-status.base-url (GATEWAY_CIVIL_STATUS_BASE_URL)", missing);
        check(cfg.getUsername(), "gateway.civil-status.username (GATEWAY_CIVIL_STATUS_USERNAME)", missing);
        check(cfg.getPassword(), "gateway.civil-status.password (GATEWAY_CIVIL_STATUS_PASSWORD)", missing);
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
