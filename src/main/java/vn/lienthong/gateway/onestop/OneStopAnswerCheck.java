package vn.lienthong.gateway.onestop;

import org.apache.camel.Exchange;

/** Inside the circuit breaker: turns an answer that says the one-stop system is unwell into a counted failure. */
public class OneStopAnswerCheck {
    public void check(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 500 || status == 429 || status == 408) {
            throw new OneStopUnavailableException(status, exchange.getMessage().getHeader("Retry-After", String.class));
        }
    }
}
