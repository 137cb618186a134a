package vn.lienthong.gateway.national;

import org.apache.camel.Exchange;

/**
 * Inside a circuit breaker (routes/*.camel.yaml, after the HTTP call): turns an answer that says the remote
 * system is unwell into a failure the breaker counts.
 */
public class UnavailableAnswerCheck {
    private final String system;
    private final boolean timeoutCounts;

    /** @param timeoutCounts whether a 408 answer counts as the system being unwell */
    public UnavailableAnswerCheck(String system, boolean timeoutCounts) {
        this.system = system;
        this.timeoutCounts = timeoutCounts;
    }

    public void check(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 500 || status == 429 || (timeoutCounts && status == 408)) {
            throw new RemoteUnavailableException(system, status, exchange.getMessage().getHeader("Retry-After", String.class));
        }
    }
}
