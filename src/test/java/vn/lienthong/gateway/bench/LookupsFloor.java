package vn.lienthong.gateway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.cxf.Bus;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.springframework.context.ApplicationContext;

import vn.lienthong.gateway.audit.AuditLog;
import vn.lienthong.gateway.national.population.PopulationAuthInterceptor;
import vn.lienthong.gateway.national.population.PopulationProperties;
import vn.lienthong.gateway.national.population.soap.DanCuQuocGiaPort;
import vn.lienthong.gateway.national.population.soap.YeuCau;
import vn.lienthong.gateway.national.registry.RegistryProperties;

/**
 * The least a gateway on this stack can add to a lookup, for the lookups benchmark to hold the gateway
 * against (-Dbench.floor=true): a bare servlet on embedded Tomcat, without Spring, security, Camel,
 * validation or mapping, that makes the same national call with the gateway's own clients and answers a
 * fixed body. {@code /citizen} calls the population database through CXF on the gateway's bus
 * (populationDbBus: its conduit and policy settings) with the gateway's authentication interceptor, and with
 * {@code ?audit=1} also writes the gateway's audit row (AuditLog, as every citizen lookup must);
 * {@code /enterprise} calls the business registry with Apache HttpClient 5 (what Camel HTTP uses) and reads
 * the answer with Jackson. What a floor case reaches against the direct call bounds the ratio any gateway
 * built on these parts can reach on the same machine.
 */
final class LookupsFloor implements AutoCloseable {
    private static final byte[] ANSWER = "{\"floor\":true}".getBytes(StandardCharsets.UTF_8);

    private final Tomcat tomcat;
    private final CloseableHttpClient registryHttp;
    private final String baseUrl;

    LookupsFloor(ApplicationContext gateway, String citizen, String enterprise) throws IOException, LifecycleException {
        PopulationProperties p = gateway.getBean(PopulationProperties.class);
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setBus(gateway.getBean("populationDbBus", Bus.class));
        factory.setServiceClass(DanCuQuocGiaPort.class);
        factory.setAddress(p.getUrl());
        DanCuQuocGiaPort population = (DanCuQuocGiaPort) factory.create();
        org.apache.cxf.endpoint.Client client = ClientProxy.getClient(population);
        client.getOutInterceptors().add(new PopulationAuthInterceptor(p.getUser(), p.getSecret(), p.getApiKey(), p.getXroadClient(),
                System::currentTimeMillis));
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(p.getConnectTimeoutMs());
        policy.setReceiveTimeout(p.getResponseTimeoutMs());
        ((HTTPConduit) client.getConduit()).setClient(policy);
        AuditLog audit = gateway.getBean(AuditLog.class);

        RegistryProperties r = gateway.getBean(RegistryProperties.class);
        registryHttp = HttpClients.custom().setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(64).setMaxConnTotal(64).build()).build();
        String registryUrl = r.getBaseUrl() + "/chiTietDoanhNghiep?msdn=" + enterprise;
        ObjectMapper json = new ObjectMapper();

        tomcat = new Tomcat();
        tomcat.setPort(0);
        tomcat.setBaseDir(Files.createTempDirectory("lookups-floor").toString());
        Context context = tomcat.addContext("", null);
        if (context instanceof org.apache.catalina.core.StandardContext standard) {
            // leak checks for web applications that are undeployed; this one lives and dies with the benchmark
            standard.setClearReferencesObjectStreamClassCaches(false);
            standard.setClearReferencesRmiTargets(false);
            standard.setClearReferencesThreadLocals(false);
        }
        add(context, "/citizen", req -> {
            YeuCau y = new YeuCau();
            y.setMaYeuCau(UUID.randomUUID().toString());
            y.setMaDVC(p.getConsumerCode());
            y.setMaTichHop(p.getIntegrationCode());
            y.setMaCanBo("bench");
            y.setMaDonVi(p.getAgencyCode());
            y.setSoDinhDanh(citizen);
            population.traCuuThongTinCongDan(y);
            if ("1".equals(req.getParameter("audit"))) {
                audit.record("bench", "bench", "DOSSIER_PROCESSING", null, "LOOKUP", citizen, "FOUND", 200);
            }
        });
        add(context, "/enterprise", req -> {
            HttpGet get = new HttpGet(registryUrl);
            get.setHeader("ApiKey", r.getApiKey());
            byte[] body = registryHttp.execute(get, answer -> EntityUtils.toByteArray(answer.getEntity()));
            json.readTree(body);
        });
        tomcat.getConnector();
        tomcat.start();
        baseUrl = "http://localhost:" + tomcat.getConnector().getLocalPort();
    }

    /** http://localhost:port of the floor's servlets ({@code /citizen}, {@code /enterprise}). */
    String baseUrl() {
        return baseUrl;
    }

    private interface Work {
        void run(HttpServletRequest req) throws Exception;
    }

    private static void add(Context context, String path, Work work) {
        Tomcat.addServlet(context, path, new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                try {
                    work.run(req);
                } catch (Exception e) {
                    resp.sendError(502, e.toString());
                    return;
                }
                resp.setContentType("application/json");
                resp.setContentLength(ANSWER.length);
                resp.getOutputStream().write(ANSWER);
            }
        });
        context.addServletMappingDecoded(path, path);
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
        registryHttp.close();
    }
}
