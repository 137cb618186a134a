package vn.lienthong.gateway.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

import vn.lienthong.gateway.mapping.MappingException;

/** A start refused for the mapping tables: what is wrong (folder, or file, line and reason) and the setting. */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class MappingsFailureAnalyzer extends AbstractFailureAnalyzer<MappingException> {
    private final Environment env;

    public MappingsFailureAnalyzer(Environment env) {
        this.env = env;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MappingException cause) {
        return new FailureAnalysis("The gateway cannot start with gateway.mappings-location (GATEWAY_MAPPINGS) = "
                + env.getProperty("gateway.mappings-location") + ": " + cause.getMessage(),
                "Point GATEWAY_MAPPINGS at a readable folder of mapping tables (file:/…/mappings/) or correct the "
                        + "file named, then start the gateway again.", cause);
    }
}
