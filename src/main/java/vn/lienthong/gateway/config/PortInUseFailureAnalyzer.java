package vn.lienthong.gateway.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/** A port already taken: which of the gateway's settings asked for it (Spring's own report names none). */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> {
    private final Environment env;

    public PortInUseFailureAnalyzer(Environment env) {
        this.env = env;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
        String port = Integer.toString(cause.getPort());
        String setting = port.equals(env.getProperty("management.server.port"))
                ? "management.server.port (GATEWAY_MANAGEMENT_PORT)" : "server.port (GATEWAY_PORT)";
        return new FailureAnalysis("The gateway cannot start with " + setting + " = " + port
                + ": another process is already listening on that port",
                "Stop the other process (ss -ltnp 'sport = :" + port + "') or give " + setting + " a free port.", cause);
    }
}
