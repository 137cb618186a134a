package vn.lienthong.gateway.civilstatus;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import vn.lienthong.gateway.national.guard.GuardSettings;

/**
 * Typed view of the {@code gateway.civil-status.*} keys of config/application.yml (each documented there): the linked
 * civil-status service (birth and death registrations filed on the national portal), the files taken in with them,
 * the portal's push of dossiers with files inline, and the limits of the service's guard (timeouts, bulkhead, an
 * optional quota, breaker).
 */
@Validated
@ConfigurationProperties(prefix = "gateway.civil-status")
public class CivilStatusProperties extends GuardSettings {
    /** Whether the gateway polls the service and takes status reports; off: the endpoints answer 404. */
    private boolean enabled;
    /** Base URL of the service (no trailing slash); required when enabled. */
    private String baseUrl;
    private String username;
    private String password;
    @Valid
    @NotNull
    private Paths paths = new Paths();
    @NotNull
    private Duration pollInterval = Duration.ofMinutes(10);
    /** A token is renewed this long before it expires. */
    @NotNull
    private Duration tokenRenewBefore = Duration.ofSeconds(60);
    /** Lifetime assumed for a token whose expiry cannot be read from it. */
    @NotNull
    private Duration tokenLifetime = Duration.ofMinutes(30);
    /** Longest one poll holds the cluster-wide poll lock (a crashed holder's lock frees itself after this). */
    @NotNull
    private Duration pollLockAtMostFor = Duration.ofMinutes(2);
    /** Status reports one dispatcher worker sends per round (one call each). */
    @Min(1)
    @Max(100)
    private int maxBatch = 20;
    @Valid
    @NotNull
    private Files files = new Files();
    /** Largest certificate (decoded) a RESULT report may carry. */
    @NotNull
    private DataSize maxCertificate = DataSize.ofMegabytes(5);
    /** Whether POST /api/v1/portal/dossiers takes the portal's pushed dossiers; off: 404. */
    private boolean pushEnabled;

    public CivilStatusProperties() {
        setConnectTimeoutMs(3000);
        // the longest wait for the next bytes of an answer, not for a whole 5 MB detail
        setResponseTimeoutMs(30000);
        // status reports and intake (gateway.delivery.parallelism each) and the poller, with room: the bulkhead
        // refuses nothing they ask for
        setMaxConcurrentCalls(64);
        // the service sets no quota of its own
        setRateLimitPerSecond(0);
    }

    /** Paths of the service's operations, after the base URL; {id} in detail is the list item's id. */
    public static class Paths {
        @NotBlank
        private String token = "/api/lienthongdvclt/token";
        @NotBlank
        private String list = "/api/lienthongdvclt/hosolienthong";
        @NotBlank
        private String detail = "/api/lienthongdvclt/hosolienthong/{id}";
        @NotBlank
        private String ack = "/api/lienthongdvclt/hosolienthong/danhan";
        @NotBlank
        private String status = "/api/lienthongdvclt/trangthai";

        public String getToken() { return token; }
        public void setToken(String token) { this.token = token; }
        public String getList() { return list; }
        public void setList(String list) { this.list = list; }
        public String getDetail() { return detail; }
        public void setDetail(String detail) { this.detail = detail; }
        public String getAck() { return ack; }
        public void setAck(String ack) { this.ack = ack; }
        public String getStatus() { return status; }
        public void setStatus(String status) { this.status = status; }
    }

    /** Where and how large the files taken in are. */
    public static class Files {
        /** auto: on disk with the embedded H2 database, in the database with PostgreSQL; or disk, database. */
        @NotNull
        private Store store = Store.AUTO;
        /** Folder of the files stored on disk. */
        @NotBlank
        private String folder = "./data/civil-status-files";
        /** Base URL the one-stop system fetches file links from (this gateway as it reaches it). */
        @NotBlank
        private String publicBaseUrl = "http://localhost:8080";
        @NotNull
        private DataSize maxFileSize = DataSize.ofMegabytes(20);
        @Min(1)
        private int maxFiles = 50;
        /** Largest detail answer (the dossier with every file in Base64). */
        @NotNull
        private DataSize maxDetail = DataSize.ofMegabytes(200);
        /** Largest XML declaration. */
        @NotNull
        private DataSize maxDeclaration = DataSize.ofKilobytes(256);
        /** A file not attached to a stored dossier after this (a crash, a refused dossier) is deleted. */
        @NotNull
        private Duration orphanAge = Duration.ofHours(2);

        public enum Store { AUTO, DISK, DATABASE }

        public Store getStore() { return store; }
        public void setStore(Store store) { this.store = store; }
        public String getFolder() { return folder; }
        public void setFolder(String folder) { this.folder = folder; }
        public String getPublicBaseUrl() { return publicBaseUrl; }
        public void setPublicBaseUrl(String publicBaseUrl) { this.publicBaseUrl = publicBaseUrl; }
        public DataSize getMaxFileSize() { return maxFileSize; }
        public void setMaxFileSize(DataSize maxFileSize) { this.maxFileSize = maxFileSize; }
        public int getMaxFiles() { return maxFiles; }
        public void setMaxFiles(int maxFiles) { this.maxFiles = maxFiles; }
        public DataSize getMaxDetail() { return maxDetail; }
        public void setMaxDetail(DataSize maxDetail) { this.maxDetail = maxDetail; }
        public DataSize getMaxDeclaration() { return maxDeclaration; }
        public void setMaxDeclaration(DataSize maxDeclaration) { this.maxDeclaration = maxDeclaration; }
        public Duration getOrphanAge() { return orphanAge; }
        public void setOrphanAge(Duration orphanAge) { this.orphanAge = orphanAge; }
    }

    /**
     * One request may wait for a bulkhead slot and a quota permit, then take the connection, the whole answer's first
     * bytes and the gaps between the rest.
     */
    public Duration longestRequest() {
        Duration quotaWait = getRateLimitPerSecond() > 0 ? getRateLimitWait() : Duration.ZERO;
        return getMaxWait().plus(quotaWait).plusMillis((long) getConnectTimeoutMs() + 2L * getResponseTimeoutMs());
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public Paths getPaths() { return paths; }
    public void setPaths(Paths paths) { this.paths = paths; }
    @Override
    @Min(100)
    public int getConnectTimeoutMs() { return super.getConnectTimeoutMs(); }
    @Override
    @Min(100)
    public int getResponseTimeoutMs() { return super.getResponseTimeoutMs(); }
    @Override
    @Min(1)
    public int getMaxConcurrentCalls() { return super.getMaxConcurrentCalls(); }
    @Override
    @Min(0)
    public int getRateLimitPerSecond() { return super.getRateLimitPerSecond(); }
    public Duration getPollInterval() { return pollInterval; }
    public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
    public Duration getTokenRenewBefore() { return tokenRenewBefore; }
    public void setTokenRenewBefore(Duration tokenRenewBefore) { this.tokenRenewBefore = tokenRenewBefore; }
    public Duration getTokenLifetime() { return tokenLifetime; }
    public void setTokenLifetime(Duration tokenLifetime) { this.tokenLifetime = tokenLifetime; }
    public Duration getPollLockAtMostFor() { return pollLockAtMostFor; }
    public void setPollLockAtMostFor(Duration pollLockAtMostFor) { this.pollLockAtMostFor = pollLockAtMostFor; }
    public int getMaxBatch() { return maxBatch; }
    public void setMaxBatch(int maxBatch) { this.maxBatch = maxBatch; }
    public Files getFiles() { return files; }
    public void setFiles(Files files) { this.files = files; }
    public DataSize getMaxCertificate() { return maxCertificate; }
    public void setMaxCertificate(DataSize maxCertificate) { this.maxCertificate = maxCertificate; }
    public boolean isPushEnabled() { return pushEnabled; }
    public void setPushEnabled(boolean pushEnabled) { this.pushEnabled = pushEnabled; }
}
