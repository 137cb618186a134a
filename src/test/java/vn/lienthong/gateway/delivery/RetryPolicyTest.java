package vn.lienthong.gateway.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;


class RetryPolicyTest {

    /** A remote Retry-After of years is obeyed only up to max-backoff; a shorter one still sets the floor. */
    @Test
    void shouldCapRetryAfterAtMaxBackoffWhenRemoteAsksForYears() {
        DeliveryProperties cfg = new DeliveryProperties();
        cfg.setMaxBackoff(Duration.ofMinutes(10));
        cfg.setJitter(0);
        RetryPolicy p = new RetryPolicy(cfg);
        assertEquals(Duration.ofMinutes(10), p.backoff(1, Duration.ofDays(3650)));
        assertEquals(Duration.ofMinutes(10), p.backoff(1, Duration.ofSeconds(Long.MAX_VALUE)));
        assertEquals(Duration.ofSeconds(90), p.backoff(1, Duration.ofSeconds(90)));
        assertTrue(p.backoff(1, null).compareTo(Duration.ofMinutes(10)) <= 0);
    }
}
