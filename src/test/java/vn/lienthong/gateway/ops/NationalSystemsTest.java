package vn.lienthong.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** What a lookup flow gets by registering its guards: the MBean view, the health detail and the breaker timer. */
class NationalSystemsTest {

    /** A registered bulkhead, cache and breaker show their headroom, hit ratio and state; absent guards read -1 or NONE. */
    @Test
    void shouldShowEveryRegisteredGuardWhenAFlowRegistersThem() {
        NationalSystems systems = new NationalSystems(Clock.systemUTC());
        Bulkhead bulkhead = Bulkhead.of("population", BulkheadConfig.custom().maxConcurrentCalls(8).build());
        AtomicLong hits = new AtomicLong(3);
        AtomicLong misses = new AtomicLong(1);
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("population");
        systems.register("population").withBulkhead(bulkhead).withCache(hits::get, misses::get).withCircuitBreaker(breaker);
        systems.register("registry");

        NationalSystemControl population = new NationalSystemControl(systems.find("population").orElseThrow());
        assertThat(population.getBulkheadAvailableConcurrentCalls()).isEqualTo(8);
        assertThat(population.getBulkheadMaxConcurrentCalls()).isEqualTo(8);
        assertThat(population.getCacheHitRatio()).isEqualTo(0.75);
        assertThat(population.getRateLimiterAvailablePermissions()).isEqualTo(-1);
        assertThat(population.getBreakerState()).isEqualTo("CLOSED");
        NationalSystemControl registry = new NationalSystemControl(systems.find("registry").orElseThrow());
        assertThat(registry.getBreakerState()).isEqualTo("NONE");
        assertThat(registry.getCacheHitRatio()).isEqualTo(-1d);
        assertThat(registry.resetBreaker()).contains("no circuit breaker");

        breaker.transitionToOpenState();
        assertThat(population.getBreakerState()).isEqualTo("OPEN");
        var health = new NationalSystemsHealth(systems).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsKeys("population", "registry");
        assertThat(population.resetBreaker()).isEqualTo("was OPEN, now CLOSED");
        assertThat(systems.find("population").orElseThrow().breakerOpenSeconds()).isZero();
    }
}
