package vn.lienthong.gateway.callbacks;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Typed view of the {@code gateway.callbacks.*} keys of config/application.yml (each documented there):
 * how the portal's dossiers, payments and ratings reach the province.
 */
@ConfigurationProperties(prefix = "gateway.callbacks")
public class CallbackProperties {

    /** How the portal delivers: it pushes to POST /api/v1/portal/callbacks, or the gateway polls it. */
    public enum Mode { PUSH, POLL }

    private Mode mode = Mode.PUSH;
    /** Shared secret of the push signature; required in push mode. */
    private String secret;
    /** The secret being rotated out, accepted beside {@code secret} until it is removed; empty = none. */
    private String previousSecret;
    /** Secret of the payment platform's MaXacThuc; a payment result carrying one is checked against it. */
    private String paymentSecret;
    /** How far X-Portal-Timestamp may be from the gateway's clock (either way) before 401. */
    private Duration maxClockSkew = Duration.ofSeconds(300);
    /** Pause between two LayDanhSachHoSo calls in poll mode. */
    private Duration pollInterval = Duration.ofSeconds(30);
    /** The madonvi of LayDanhSachHoSo (the province's agency code); required in poll mode. */
    private String pollAgency;

    public Mode getMode() { return mode; }
    public void setMode(Mode mode) { this.mode = mode; }
    public String getSecret() { return secret; }
    public void setSecret(String secret) { this.secret = secret; }
    public String getPreviousSecret() { return previousSecret; }
    public void setPreviousSecret(String previousSecret) { this.previousSecret = previousSecret; }
    public String getPaymentSecret() { return paymentSecret; }
    public void setPaymentSecret(String paymentSecret) { this.paymentSecret = paymentSecret; }
    public Duration getMaxClockSkew() { return maxClockSkew; }
    public void setMaxClockSkew(Duration maxClockSkew) { this.maxClockSkew = maxClockSkew; }
    public Duration getPollInterval() { return pollInterval; }
    public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
    public String getPollAgency() { return pollAgency; }
    public void setPollAgency(String pollAgency) { this.pollAgency = pollAgency; }
}
