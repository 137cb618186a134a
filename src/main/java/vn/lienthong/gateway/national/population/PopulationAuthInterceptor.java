package vn.lienthong.gateway.national.population;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Adds the population database's authentication headers (population-db.md) to every call:
 * {@code Timestamp} (Unix ms), {@code Authorization: Basic base64(user:sha256hex(url+user+Timestamp+secret))},
 * {@code X-Road-Client} and {@code ApiKey}.
 */
public class PopulationAuthInterceptor extends AbstractPhaseInterceptor<Message> {
    private final String user;
    private final String secret;
    private final String apiKey;
    private final String xroadClient;
    private final LongSupplier clock;

    public PopulationAuthInterceptor(String user, String secret, String apiKey, String xroadClient, LongSupplier clock) {
        super(Phase.PRE_STREAM);
        this.user = user;
        this.secret = secret;
        this.apiKey = apiKey;
        this.xroadClient = xroadClient;
        this.clock = clock;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void handleMessage(Message message) {
        Map<String, List<String>> headers = (Map<String, List<String>>) message.get(Message.PROTOCOL_HEADERS);
        if (headers == null) {
            headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            message.put(Message.PROTOCOL_HEADERS, headers);
        }
        String url = (String) message.get(Message.ENDPOINT_ADDRESS);
        String timestamp = Long.toString(clock.getAsLong());
        headers.put("Timestamp", new ArrayList<>(List.of(timestamp)));
        headers.put("Authorization", new ArrayList<>(List.of(authorization(url, user, timestamp, secret))));
        headers.put("X-Road-Client", new ArrayList<>(List.of(xroadClient)));
        headers.put("ApiKey", new ArrayList<>(List.of(apiKey)));
        String correlationId = org.slf4j.MDC.get(vn.lienthong.gateway.ops.CorrelationIdFilter.MDC_KEY);
        if (correlationId != null) {
            headers.put(vn.lienthong.gateway.ops.CorrelationIdFilter.HEADER, new ArrayList<>(List.of(correlationId)));
        }
    }

    /** {@code Basic base64(user + ":" + sha256hex(url + user + timestamp + secret))}. */
    public static String authorization(String url, String user, String timestamp, String secret) {
        String proof = sha256Hex(url + user + timestamp + secret);
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + proof).getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
