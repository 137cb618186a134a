package vn.lienthong.gateway.national.portal;

import org.apache.camel.Exchange;

/** Inside the circuit breaker: turns an answer that says the portal is unwell into a failure the breaker counts. */
public class PortalAnswerCheck {
    public void check(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 500 || status == 429) {
            throw new PortalUnavailableException(status, exchange.getMessage().getHeader("Retry-After", String.class));
        }
    }
}
