package vn.lienthong.gateway.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code gateway.audit.*}: the key that stands for a personal ID in the audit log, and the console's row limit. */
@ConfigurationProperties(prefix = "gateway.audit")
public class AuditProperties {
    /** Key of the HMAC-SHA256 that stands for a personal ID in the audit log; required. */
    private String hmacSecret;
    /** Rows answered by GET /admin/audit at most. */
    private int maxRows = 1000;
    public String getHmacSecret() { return hmacSecret; }
    public void setHmacSecret(String hmacSecret) { this.hmacSecret = hmacSecret; }
    public int getMaxRows() { return maxRows; }
    public void setMaxRows(int maxRows) { this.maxRows = maxRows; }
}
