package vn.lienthong.gateway.dossier;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code gateway.api.*}: limits of the dossier events API. */
@ConfigurationProperties(prefix = "gateway.api")
public class DossierApiProperties {
    /** Largest batch accepted by POST /api/v1/dossier-events/batch. */
    private int maxBatchSize = 500;
    public int getMaxBatchSize() { return maxBatchSize; }
    public void setMaxBatchSize(int maxBatchSize) { this.maxBatchSize = maxBatchSize; }
}
