package vn.lienthong.gateway.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a start refused by {@link DeploymentSafety} into a plain list of what is unsafe. */
public class UnsafeSettingsFailureAnalyzer extends AbstractFailureAnalyzer<DeploymentSafety.UnsafeSettingsException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DeploymentSafety.UnsafeSettingsException cause) {
        return new FailureAnalysis("The gateway refuses to start with unsafe settings:\n  - " + String.join("\n  - ", cause.problems()),
                "Give each secret 32 random bytes or more from the deployment's secrets store, never a sandbox value "
                        + "(docs/security.md, \"Start-up refusals\").", cause);
    }
}
