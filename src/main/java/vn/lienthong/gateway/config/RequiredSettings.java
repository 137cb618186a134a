package vn.lienthong.gateway.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.InitializingBean;

/**
 * Refuses to start without what a real deployment needs, naming each missing setting and its environment
 * variable. The sandbox profile supplies simulator values; nothing else does, so the gateway never
 * delivers to a simulator by accident.
 */
public class RequiredSettings implements InitializingBean {
    private final GatewayProperties props;

    public RequiredSettings(GatewayProperties props) {
        this.props = props;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> missing = new ArrayList<>();
        GatewayProperties.Portal p = props.getPortal();
        check(p.getBaseUrl(), "gateway.portal.base-url (GATEWAY_PORTAL_BASE_URL)", missing);
        check(p.getUsername(), "gateway.portal.username (GATEWAY_PORTAL_USERNAME)", missing);
        check(p.getPassword(), "gateway.portal.password (GATEWAY_PORTAL_PASSWORD)", missing);
        check(p.getDstcode(), "gateway.portal.dstcode (GATEWAY_PORTAL_DSTCODE)", missing);
        if (!missing.isEmpty()) {
            throw new MissingSettingsException(missing);
        }
    }

    private static void check(String value, String name, List<String> missing) {
        if (value == null || value.isBlank()) {
            missing.add(name);
        }
    }

    /** Reported by {@link MissingSettingsFailureAnalyzer} as a short list instead of a stack trace. */
    public static class MissingSettingsException extends IllegalStateException {
        private final List<String> missing;

        public MissingSettingsException(List<String> missing) {
            super("missing required settings: " + String.join(", ", missing));
            this.missing = List.copyOf(missing);
        }

        public List<String> missing() {
            return missing;
        }
    }
}
