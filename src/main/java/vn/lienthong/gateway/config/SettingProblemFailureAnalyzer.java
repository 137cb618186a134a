package vn.lienthong.gateway.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** Turns a start refused for one setting's value into the line "setting: problem" and what to change. */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SettingProblemFailureAnalyzer extends AbstractFailureAnalyzer<SettingProblemException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SettingProblemException cause) {
        return new FailureAnalysis("The gateway cannot start with " + cause.getMessage(),
                "Correct " + cause.setting() + " (environment, or the deployment's config) and start the gateway again; "
                        + "docs/deployment.md lists the settings.", cause);
    }
}
