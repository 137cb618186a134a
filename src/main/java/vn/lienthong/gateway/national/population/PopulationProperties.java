package vn.lienthong.gateway.national.population;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import vn.lienthong.gateway.national.guard.GuardSettings;

/** {@code gateway.population.*}: the National Population Database's endpoint, credentials, codes and limits. */
@ConfigurationProperties(prefix = "gateway.population")
public class PopulationProperties extends GuardSettings {
    /** SOAP endpoint of the population database; required outside the sandbox. */
    private String url;
    private String user;
    private String secret;
    private String apiKey;
    /** X-Road-Client: instance/class/code/subsystem of this consumer. */
    private String xroadClient;
    /** MaDVC, MaTichHop and MaDonVi of every request: codes assigned to the province's system. */
    private String consumerCode;
    private String integrationCode;
    private String agencyCode;
    /** Pause before the one retry of a DC429 / DC503 fault. */
    private Duration retryDelay = Duration.ofMillis(200);
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getUser() { return user; }
    public void setUser(String user) { this.user = user; }
    public String getSecret() { return secret; }
    public void setSecret(String secret) { this.secret = secret; }
    public String getApiKey() { return apiKey; }
    public void setApiKey(String apiKey) { this.apiKey = apiKey; }
    public String getXroadClient() { return xroadClient; }
    public void setXroadClient(String xroadClient) { this.xroadClient = xroadClient; }
    public String getConsumerCode() { return consumerCode; }
    public void setConsumerCode(String consumerCode) { this.consumerCode = consumerCode; }
    public String getIntegrationCode() { return integrationCode; }
    public void setIntegrationCode(String integrationCode) { this.integrationCode = integrationCode; }
    public String getAgencyCode() { return agencyCode; }
    public void setAgencyCode(String agencyCode) { this.agencyCode = agencyCode; }
    public Duration getRetryDelay() { return retryDelay; }
    public void setRetryDelay(Duration retryDelay) { this.retryDelay = retryDelay; }
}
