package vn.lienthong.gateway.sandbox;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;

/**
 * In-process stand-in for the National Business Registration Database
 * ({@code GET /registry/chiTietDoanhNghiep?msdn=…}, business-registry.md) serving the fictional records of
 * sandbox/enterprises.json. A wrong ApiKey is 401, a malformed code 400, an unknown code
 * {@code {"GetEntCert": []}}; FAULT rules answer their HTTP status, RATE_LIMITED 429 with Retry-After.
 */
public final class RegistrySimulator extends LookupSimulator {
    public static final String BASE_PATH = "/registry";
    private final String apiKey;
    private final Map<String, JsonNode> byCode = new HashMap<>();

    public RegistrySimulator(int port, String apiKey) {
        super(port, BASE_PATH);
        this.apiKey = apiKey;
        for (JsonNode e : records("/sandbox/enterprises.json")) {
            byCode.put(e.path("MaSoDoanhNghiep").asText(), e);
        }
    }

    /** {@code GET /registry/chiTietDoanhNghiep?msdn=…}: the one parameter the contract defines. */
    @Override
    protected boolean exactUrl(String path, String query) {
        return path.equals(BASE_PATH + "/chiTietDoanhNghiep") && query != null && query.matches("msdn=[^&=]*");
    }

    @Override
    protected String method() {
        return "GET";
    }

    @Override
    protected Answer serve(Request request, SimFault fault) {
        if (!apiKey.equals(request.getHeader("ApiKey"))) {
            return Answer.of(401, "application/json", "{\"message\":\"ApiKey không hợp lệ\"}");
        }
        String code = request.queryParameter("msdn").isPresent() ? request.queryParameter("msdn").firstValue() : null;
        if (code == null || !code.matches("\\d{10}(-\\d{3})?")) {
            return Answer.of(400, "application/json", "{\"message\":\"mã số doanh nghiệp không hợp lệ\"}");
        }
        ObjectNode out = JSON.createObjectNode();
        var list = out.putArray("GetEntCert");
        JsonNode found = byCode.get(code);
        if (found != null) {
            list.add(found);
        }
        return Answer.of(200, "application/json; charset=utf-8", out.toString());
    }

    @Override
    protected Answer faultAnswer(SimFault fault) {
        if (fault.mode() == SimFault.Mode.RATE_LIMITED) {
            return new Answer(429, "application/json", "{\"message\":\"quá nhiều yêu cầu\"}", null, 0, fault.retryAfterSeconds());
        }
        int status = fault.code() == null ? 503 : Integer.parseInt(fault.code());
        return Answer.of(status, "application/json", "{\"message\":\"lỗi (mô phỏng)\"}");
    }
}
