package vn.lienthong.gateway.ops;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Typed view of the {@code gateway.ops.*} keys of config/application.yml: metrics and alarms. */
@ConfigurationProperties(prefix = "gateway.ops")
public class OpsProperties {
    /** How long outbox counts behind the backlog gauges are reused: a scrape storm costs one query per period. */
    private Duration metricsCache = Duration.ofSeconds(5);
    private final Alarms alarms = new Alarms();
    /** Register the gateway's MBeans; off only for a second gateway in the same JVM (tests), which would take their names. */
    private boolean registerMbeans = true;
    /** Refuse to start when remote JMX (JVM flags) is open without TLS; authentication is always required. */
    private boolean remoteJmxRequireSsl = false;

    public boolean isRemoteJmxRequireSsl() { return remoteJmxRequireSsl; }
    public void setRemoteJmxRequireSsl(boolean remoteJmxRequireSsl) { this.remoteJmxRequireSsl = remoteJmxRequireSsl; }

    public boolean isRegisterMbeans() { return registerMbeans; }
    public void setRegisterMbeans(boolean registerMbeans) { this.registerMbeans = registerMbeans; }

    public Duration getMetricsCache() { return metricsCache; }
    public void setMetricsCache(Duration metricsCache) { this.metricsCache = metricsCache; }
    public Alarms getAlarms() { return alarms; }

    public static class Alarms {
        /** Period of the alarm check (route ops-alarms). */
        private Duration checkInterval = Duration.ofSeconds(30);
        /** Raised when a destination has more DEAD events than this; 0 raises it on the first. Negative: off. */
        private long deadAbove = 0;
        /** Raised when a destination's oldest undelivered event is older than this. Zero: off. */
        private Duration oldestPendingAbove = Duration.ofMinutes(15);
        /** Raised when a breaker has been open (a flapping open / half-open included) longer than this. Zero: off. */
        private Duration breakerOpenAbove = Duration.ofMinutes(5);
        /** Raised when the procedure catalogue copy (or a copy never loaded, counted from start) is older than this. Zero: off. */
        private Duration catalogueOlderThan = Duration.ofHours(48);
        /** While an alarm stays raised its WARN line is repeated this often (so it shows in a log window). */
        private Duration repeatEvery = Duration.ofMinutes(15);

        public Duration getCheckInterval() { return checkInterval; }
        public void setCheckInterval(Duration checkInterval) { this.checkInterval = checkInterval; }
        public long getDeadAbove() { return deadAbove; }
        public void setDeadAbove(long deadAbove) { this.deadAbove = deadAbove; }
        public Duration getOldestPendingAbove() { return oldestPendingAbove; }
        public void setOldestPendingAbove(Duration oldestPendingAbove) { this.oldestPendingAbove = oldestPendingAbove; }
        public Duration getBreakerOpenAbove() { return breakerOpenAbove; }
        public void setBreakerOpenAbove(Duration breakerOpenAbove) { this.breakerOpenAbove = breakerOpenAbove; }
        public Duration getRepeatEvery() { return repeatEvery; }
        public Duration getCatalogueOlderThan() { return catalogueOlderThan; }
        public void setCatalogueOlderThan(Duration catalogueOlderThan) { this.catalogueOlderThan = catalogueOlderThan; }
        public void setRepeatEvery(Duration repeatEvery) { this.repeatEvery = repeatEvery; }
    }
}
