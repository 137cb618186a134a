package vn.lienthong.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code gateway.mappings-location}: the one setting every flow shares. Each flow keeps its own settings in its
 * package ({@code gateway.portal.*} in national/portal/PortalProperties, {@code gateway.delivery.*} in
 * delivery/DeliveryProperties, …); config/application.yml documents every key.
 */
@ConfigurationProperties(prefix = "gateway")
public class GatewayProperties {

    /** Where mappings/ are read from: the copies inside the jar by default, a folder in a deployment. */
    private String mappingsLocation = "classpath:mappings/";

    public String getMappingsLocation() { return mappingsLocation; }
    public void setMappingsLocation(String mappingsLocation) { this.mappingsLocation = mappingsLocation; }
}
