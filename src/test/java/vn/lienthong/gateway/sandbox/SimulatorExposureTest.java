package vn.lienthong.gateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.national.population.PopulationAuthInterceptor;

/** The simulators' control endpoints take no credentials, so they must not be reachable from the network. */
class SimulatorExposureTest {

    private static Optional<InetAddress> networkAddress() throws Exception {
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (n.isUp() && !n.isLoopback()) {
                for (InetAddress a : Collections.list(n.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Every simulator answers on the loopback interface and refuses connections on the machine's network address. */
    @Test
    void shouldListenOnLoopbackOnlyWhenStarted() throws Exception {
        try (PortalSimulator portal = new PortalSimulator(0, "u", "p").start();
             OneStopSimulator oneStop = new OneStopSimulator(0, "X-API-Key", "k").start();
             PopulationSimulator population = new PopulationSimulator(0, "u", "s", "k").start();
             RegistrySimulator registry = new RegistrySimulator(0, "k").start();
             PaymentPlatformSimulator payments = new PaymentPlatformSimulator(0, "P", "s", null).start()) {
            InetAddress outside = networkAddress().orElse(null);
            for (int port : List.of(portal.port(), oneStop.port(), population.port(), registry.port(), payments.port())) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
                    assertTrue(s.isConnected());
                }
                if (outside != null) {
                    assertThrows(java.io.IOException.class, () -> {
                        try (Socket s = new Socket()) {
                            s.connect(new InetSocketAddress(outside, port), 2000);
                        }
                    }, "port " + port + " answers on " + outside);
                }
            }
        }
    }

    /** A SOAP request with a DOCTYPE (an external entity) is refused as DC400 and the entity is never read. */
    @Test
    void shouldRefuseDoctypeWhenPopulationRequestCarriesOne() throws Exception {
        Path secret = Files.createTempFile("xxe", ".txt");
        Files.writeString(secret, "TOP-SECRET-FILE-CONTENT");
        try (PopulationSimulator sim = new PopulationSimulator(0, "u", "s", "k").start()) {
            String url = "http://localhost:" + sim.port() + PopulationSimulator.BASE_PATH;
            String ts = Long.toString(System.currentTimeMillis());
            String body = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                    + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                    + "<d:TraCuuThongTinCongDan xmlns:d=\"" + PopulationSimulator.NS + "\"><d:MaYeuCau>&x;</d:MaYeuCau>"
                    + "<d:SoDinhDanh>049192757491</d:SoDinhDanh><d:MaCanBo>cb</d:MaCanBo></d:TraCuuThongTinCongDan>"
                    + "</soap:Body></soap:Envelope>";
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "text/xml").header("Timestamp", ts).header("ApiKey", "k").header("X-Road-Client", "VN/GOV/T/T")
                    .header("Authorization", PopulationAuthInterceptor.authorization(url, "u", ts, "s"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(500, r.statusCode());
            assertTrue(r.body().contains("DC400"), r.body());
            assertFalse(r.body().contains("TOP-SECRET"), r.body());
        } finally {
            Files.deleteIfExists(secret);
        }
    }
}
