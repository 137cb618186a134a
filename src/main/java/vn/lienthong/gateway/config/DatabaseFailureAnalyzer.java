package vn.lienthong.gateway.config;

import java.sql.SQLException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * A start refused by the database (wrong user or password, no such database, nothing listening, missing
 * privileges): the server's own words and the setting to correct. Other SQL failures keep Spring's report.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {
    private static final String URL = "spring.datasource.url (GATEWAY_DB_URL)";
    private static final String USER = "spring.datasource.username / password (GATEWAY_DB_USER, GATEWAY_DB_PASSWORD)";

    private final Environment env;

    public DatabaseFailureAnalyzer(Environment env) {
        this.env = env;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        String state = cause.getSQLState() == null ? "" : cause.getSQLState();
        String setting;
        if (state.startsWith("28")) {
            setting = USER;
        } else if (state.equals("42501")) {
            setting = USER + ", and the privileges granted to that user";
        } else if (state.equals("3D000") || state.equals("3F000") || state.startsWith("08")) {
            setting = URL;
        } else {
            return null;
        }
        String where = env.getProperty("spring.datasource.url", "").split("\\?", 2)[0];
        return new FailureAnalysis("The gateway cannot start with " + setting + ": the database at " + where + " refused user '"
                + env.getProperty("spring.datasource.username", "") + "': " + firstLine(cause.getMessage()) + " (SQLState " + state + ")",
                "Correct " + setting + " or the database's account, then start the gateway again; docs/deployment.md "
                        + "describes the database set-up.", cause);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.strip().split("\\R", 2)[0];
    }
}
