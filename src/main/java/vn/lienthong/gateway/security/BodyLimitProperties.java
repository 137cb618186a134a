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
    /**
     * Exact paths whose body is never held in memory: the route reads it as a stream ({@link BodyLimitFilter#STREAM}),
     * counted against the path's limit as it is read. For endpoints that take files inline.
     */
    private java.util.Set<String> streamedPaths = new java.util.LinkedHashSet<>();

    public DataSize getMaxBody() { return maxBody; }
    public void setMaxBody(DataSize maxBody) { this.maxBody = maxBody; }
    public Map<String, DataSize> getMaxBodyPerPath() { return maxBodyPerPath; }
    public void setMaxBodyPerPath(Map<String, DataSize> maxBodyPerPath) { this.maxBodyPerPath = maxBodyPerPath; }

    public java.util.Set<String> getStreamedPaths() { return streamedPaths; }
    public void setStreamedPaths(java.util.Set<String> streamedPaths) { this.streamedPaths = streamedPaths; }

    /** The limit of a request path, in bytes. */
    public long limitFor(String path) {
        DataSize own = maxBodyPerPath.get(path);
        return (own != null ? own : maxBody).toBytes();
    }
}
