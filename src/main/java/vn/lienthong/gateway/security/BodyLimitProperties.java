package vn.lienthong.gateway.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Typed view of {@code gateway.http.*} (config/application.yml): the largest request body of each path, enforced by
 * {@link BodyLimitFilter} before anything reads the body.
 */
@ConfigurationProperties(prefix = "gateway.http")
public class BodyLimitProperties {
    /** Largest body of a path not named in maxBodyPerPath. */
    private DataSize maxBody = DataSize.ofKilobytes(64);
    /** Largest body per exact request path (e.g. /api/v1/dossier-events/batch); raises or lowers one endpoint only. */
    private Map<String, DataSize> maxBodyPerPath = new LinkedHashMap<>();

    public DataSize getMaxBody() { return maxBody; }
    public void setMaxBody(DataSize maxBody) { this.maxBody = maxBody; }
    public Map<String, DataSize> getMaxBodyPerPath() { return maxBodyPerPath; }
    public void setMaxBodyPerPath(Map<String, DataSize> maxBodyPerPath) { this.maxBodyPerPath = maxBodyPerPath; }

    /** The limit of a request path, in bytes. */
    public long limitFor(String path) {
        DataSize own = maxBodyPerPath.get(path);
        return (own != null ? own : maxBody).toBytes();
    }
}
