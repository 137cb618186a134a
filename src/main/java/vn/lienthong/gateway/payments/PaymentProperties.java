package vn.lienthong.gateway.payments;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import vn.lienthong.gateway.national.guard.GuardSettings;

/**
 * Typed view of the {@code gateway.payments.*} keys of config/application.yml (each documented there): the national
 * payment platform's message set 1.0.6 (INIT, confirm callback, QUERY, GET_BILL), the province-side bill lookup, and
 * the limits of the platform's guard (timeouts, bulkhead, an optional quota, breaker).
 */
@Validated
@ConfigurationProperties(prefix = "gateway.payments")
public class PaymentProperties extends GuardSettings {
    /** Whether payments are served; off: every payment endpoint answers 404 and the QUERY job does nothing. */
    private boolean enabled;
    /** Where INIT is posted (the platform's InitUrl). */
    private String initUrl;
    /** Where QUERY is posted (the platform's CheckConfirmUrl). */
    private String queryUrl;
    /** Where GET_BILL is posted (the platform's InitReceiptUrl). */
    private String billUrl;
    /** MaDoiTac: the province's partner code at the platform. */
    private String partnerCode;
    /** The shared secret appended to every MaXacThuc text. */
    private String secret;
    /** Sent as Authorization: Bearer when set; the platform a province is given may need none. */
    private String accessToken;
    @NotBlank
    private String version = "1.0.6";
    /** Ip of INIT: this server's address as the platform knows it; empty: the first IPv4 address of this host. */
    private String ip = "";
    /** ThoiGianGD's clock (yyyyMMddHHmmss, 24-hour). */
    @NotBlank
    private String zone = "Asia/Ho_Chi_Minh";
    @Valid
    @NotNull
    private Init init = new Init();
    @Valid
    @NotNull
    private Query query = new Query();
    /** How long the payment_mismatch alarm stays raised after a confirm carried another amount than asked. */
    @NotNull
    private Duration mismatchAlarmFor = Duration.ofHours(24);

    public PaymentProperties() {
        setConnectTimeoutMs(3000);
        setResponseTimeoutMs(15000);
        // every HTTP request thread (server.tomcat.threads.max, 200) and the QUERY job at once: the bulkhead refuses
        // nothing they ask for
        setMaxConcurrentCalls(256);
        // the platform sets no quota of its own
        setRateLimitPerSecond(0);
    }

    /** The constant fields of INIT and of its ThongTinBienLai. */
    public static class Init {
        @NotBlank
        private String paymentKind = "PAY";
        @NotBlank
        private String channel = "1";
        @NotBlank
        private String device = "1";
        @NotBlank
        private String language = "vi-VN";
        @NotBlank
        private String bank = "PAYMENT";
        /** MaDichVu of ThongTinBienLai. */
        @NotBlank
        private String serviceCode = "2";
        /** LoaiPhiLePhi of every PhiLePhi entry. */
        @NotBlank
        private String feeKind = "Phi";
        /** The province's collecting account (TKThuHuong, MaNHThuHuong, TenTKThuHuong). */
        private String beneficiaryAccount = "";
        private String beneficiaryBank = "";
        private String beneficiaryName = "";

        public String getPaymentKind() { return paymentKind; }
        public void setPaymentKind(String paymentKind) { this.paymentKind = paymentKind; }
        public String getChannel() { return channel; }
        public void setChannel(String channel) { this.channel = channel; }
        public String getDevice() { return device; }
        public void setDevice(String device) { this.device = device; }
        public String getLanguage() { return language; }
        public void setLanguage(String language) { this.language = language; }
        public String getBank() { return bank; }
        public void setBank(String bank) { this.bank = bank; }
        public String getServiceCode() { return serviceCode; }
        public void setServiceCode(String serviceCode) { this.serviceCode = serviceCode; }
        public String getFeeKind() { return feeKind; }
        public void setFeeKind(String feeKind) { this.feeKind = feeKind; }
        public String getBeneficiaryAccount() { return beneficiaryAccount; }
        public void setBeneficiaryAccount(String beneficiaryAccount) { this.beneficiaryAccount = beneficiaryAccount; }
        public String getBeneficiaryBank() { return beneficiaryBank; }
        public void setBeneficiaryBank(String beneficiaryBank) { this.beneficiaryBank = beneficiaryBank; }
        public String getBeneficiaryName() { return beneficiaryName; }
        public void setBeneficiaryName(String beneficiaryName) { this.beneficiaryName = beneficiaryName; }
    }

    /** The QUERY job: which transactions it asks about, how often, and until when. */
    public static class Query {
        /** How often the job looks for transactions due (one instance at a time). */
        @NotNull
        private Duration interval = Duration.ofMinutes(1);
        /** A transaction with no confirm is first asked about this long after INIT. */
        @NotNull
        private Duration firstAfter = Duration.ofMinutes(30);
        /** Wait after the first unanswered or pending QUERY; doubled after each, up to maxBackoff. */
        @NotNull
        private Duration initialBackoff = Duration.ofMinutes(5);
        @NotNull
        private Duration maxBackoff = Duration.ofMinutes(30);
        /** After this long from INIT a transaction still unconfirmed is UNRESOLVED and no longer asked about. */
        @NotNull
        private Duration deadline = Duration.ofDays(3);
        /** Transactions asked about per run. */
        @Min(1)
        private int batch = 50;
        /** Longest one run holds the cluster-wide lock (a crashed holder's lock frees itself after this). */
        @NotNull
        private Duration lockAtMostFor = Duration.ofMinutes(5);

        public Duration getInterval() { return interval; }
        public void setInterval(Duration interval) { this.interval = interval; }
        public Duration getFirstAfter() { return firstAfter; }
        public void setFirstAfter(Duration firstAfter) { this.firstAfter = firstAfter; }
        public Duration getInitialBackoff() { return initialBackoff; }
        public void setInitialBackoff(Duration initialBackoff) { this.initialBackoff = initialBackoff; }
        public Duration getMaxBackoff() { return maxBackoff; }
        public void setMaxBackoff(Duration maxBackoff) { this.maxBackoff = maxBackoff; }
        public Duration getDeadline() { return deadline; }
        public void setDeadline(Duration deadline) { this.deadline = deadline; }
        public int getBatch() { return batch; }
        public void setBatch(int batch) { this.batch = batch; }
        public Duration getLockAtMostFor() { return lockAtMostFor; }
        public void setLockAtMostFor(Duration lockAtMostFor) { this.lockAtMostFor = lockAtMostFor; }
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getInitUrl() { return initUrl; }
    public void setInitUrl(String initUrl) { this.initUrl = initUrl; }
    public String getQueryUrl() { return queryUrl; }
    public void setQueryUrl(String queryUrl) { this.queryUrl = queryUrl; }
    public String getBillUrl() { return billUrl; }
    public void setBillUrl(String billUrl) { this.billUrl = billUrl; }
    public String getPartnerCode() { return partnerCode; }
    public void setPartnerCode(String partnerCode) { this.partnerCode = partnerCode; }
    public String getSecret() { return secret; }
    public void setSecret(String secret) { this.secret = secret; }
    public String getAccessToken() { return accessToken; }
    public void setAccessToken(String accessToken) { this.accessToken = accessToken; }
    public String getVersion() { return version; }
    public void setVersion(String version) { this.version = version; }
    public String getIp() { return ip; }
    public void setIp(String ip) { this.ip = ip; }
    public String getZone() { return zone; }
    public void setZone(String zone) { this.zone = zone; }
    public Init getInit() { return init; }
    public void setInit(Init init) { this.init = init; }
    public Query getQuery() { return query; }
    public void setQuery(Query query) { this.query = query; }
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
    public Duration getMismatchAlarmFor() { return mismatchAlarmFor; }
    public void setMismatchAlarmFor(Duration mismatchAlarmFor) { this.mismatchAlarmFor = mismatchAlarmFor; }
}
