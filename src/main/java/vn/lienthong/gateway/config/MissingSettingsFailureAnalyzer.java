package vn.lienthong.gateway.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a start without national settings into a plain message naming each one. */
public class MissingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<RequiredSettings.MissingSettingsException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RequiredSettings.MissingSettingsException cause) {
        return new FailureAnalysis(
                "The gateway needs the national systems' addresses and credentials. Missing:\n  - "
                        + String.join("\n  - ", cause.missing()),
                "Set them in the environment (or in the deployment's config), or start the sandbox with its "
                        + "simulators from a source checkout: mvn spring-boot:test-run",
                cause);
    }
}
