package vn.lienthong.gateway.national.registry;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.national.guard.NationalGuard;
import vn.lienthong.gateway.national.population.PopulationAuthInterceptor;

/**
 * Client of the National Business Registration Database: one {@code chiTietDoanhNghiep} call through the
 * route {@code business-registry} (node {@code call-business-registry}, Camel HTTP) within the system's
 * {@link NationalGuard}. Answers the raw {@code GetEntCert} element, or empty for an unknown code (the
 * registry answers an empty list, not a 404).
 */
public class BusinessRegistryClient {
    public static final String SYSTEM = "business-registry";
    public static final String ENDPOINT = "direct:business-registry.call";

    private final ProducerTemplate producer;
    private final NationalGuard guard;
    private final RegistryProperties cfg;
    private final ObjectMapper json;

    public BusinessRegistryClient(ProducerTemplate producer, NationalGuard guard, RegistryProperties cfg, ObjectMapper json) {
        this.producer = producer;
        this.guard = guard;
        this.cfg = cfg;
        this.json = json;
    }

    public Optional<JsonNode> find(String enterpriseCode) {
        return guard.call(() -> call(enterpriseCode));
    }

    private Optional<JsonNode> call(String code) {
        Exchange ex = producer.send(ENDPOINT, e -> {
            e.getIn().setHeader(Exchange.HTTP_QUERY, "msdn=" + code);
            e.getIn().setHeader("ApiKey", cfg.getApiKey());
            String correlationId = org.slf4j.MDC.get(vn.lienthong.gateway.ops.CorrelationIdFilter.MDC_KEY);
            if (correlationId != null) {
                e.getIn().setHeader(vn.lienthong.gateway.ops.CorrelationIdFilter.HEADER, correlationId);
            }
            if (cfg.getUser() != null && !cfg.getUser().isBlank()) {
                String ts = Long.toString(System.currentTimeMillis());
                e.getIn().setHeader("Timestamp", ts);
                e.getIn().setHeader("Authorization", PopulationAuthInterceptor.authorization(
                        cfg.getBaseUrl() + "/chiTietDoanhNghiep", cfg.getUser(), ts, cfg.getSecret()));
            }
        });
        if (ex.getException() != null) {
            throw guard.classify(ex.getException());
        }
        int status = ex.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status == 200) {
            return first(ex.getMessage().getBody(byte[].class));
        }
        int retryAfter = retryAfter(ex.getMessage().getHeader("Retry-After", String.class));
        throw switch (status) {
            case 400 -> new NationalFailure(SYSTEM, NationalFailure.Kind.INVALID, "400", "the registry refused the code");
            case 404 -> new NationalFailure(SYSTEM, NationalFailure.Kind.NOT_FOUND, "404", null);
            case 401, 403 -> new NationalFailure(SYSTEM, NationalFailure.Kind.UNAUTHORISED, String.valueOf(status), "not authorised");
            case 429 -> new NationalFailure(SYSTEM, NationalFailure.Kind.UNAVAILABLE, "429", Math.max(retryAfter, 1), "quota", null);
            default -> new NationalFailure(SYSTEM, NationalFailure.Kind.UNAVAILABLE, String.valueOf(status), Math.max(retryAfter, 5),
                    "HTTP " + status, null);
        };
    }

    private Optional<JsonNode> first(byte[] body) {
        JsonNode list;
        try {
            list = body == null ? null : json.readTree(body).get("GetEntCert");
        } catch (IOException e) {
            throw new NationalFailure(SYSTEM, NationalFailure.Kind.BAD_ANSWER, null, 0, "answer is not JSON", e);
        }
        if (list == null || !list.isArray()) {
            throw new NationalFailure(SYSTEM, NationalFailure.Kind.BAD_ANSWER, null, "answer has no GetEntCert list");
        }
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    private static int retryAfter(String header) {
        try {
            return header == null ? 0 : Integer.parseInt(header.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
