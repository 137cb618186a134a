package vn.lienthong.gateway.config;

/**
 * A setting whose value the gateway cannot start with: names the setting (and its environment variable) and
 * what is wrong with its value. Reported by {@link SettingProblemFailureAnalyzer} as one line, not a stack trace.
 */
public class SettingProblemException extends IllegalStateException {
    private final String setting;
    private final String problem;

    public SettingProblemException(String setting, String problem) {
        super(setting + ": " + problem);
        this.setting = setting;
        this.problem = problem;
    }

    /** The setting, e.g. {@code gateway.data-dir (GATEWAY_DATA_DIR)}. */
    public String setting() {
        return setting;
    }

    public String problem() {
        return problem;
    }
}
