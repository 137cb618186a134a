package vn.lienthong.gateway.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * In-process stand-in for the linked civil-status service (incoming-dossiers.md section 2), on WireMock and the
 * loopback interface like the other simulators. It answers exactly the service's calls, each with its method, path,
 * bearer token and body shape, and refuses anything else (401 without a valid token, 400 with the service's
 * validation problem for a malformed body, 404 for an unknown path): login, LayDanhSachHoSo, the detail (files in
 * Base64 inside a JSON text inside JSON, generated from {@link CivilStatusSamples}), CapNhatDaNhanHoSo and the status
 * report, whose rules it enforces (dates dd/MM/yyyy HH:mm:ss, trangThai 1-7, ketQuaXuLy a JSON text with the
 * certificate, nothing after a final status). Control at {@code /dvclt/__sim/…}: state, dossiers, statuses, faults,
 * reset.
 */
public final class CivilStatusSimulator implements AutoCloseable {
    public static final String BASE_PATH = "/dvclt";
    public static final String TOKEN = "/api/lienthongdvclt/token";
    public static final String LIST = "/api/lienthongdvclt/hosolienthong";
    public static final String ACK = "/api/lienthongdvclt/hosolienthong/danhan";
    public static final String STATUS = "/api/lienthongdvclt/trangthai";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm:ss");
    private static final Set<String> STATUS_FIELDS = Set.of("maTTHC", "soHoSoLT", "coQuanXuLy", "maHoSo", "trangThai",
            "thoiGianThucHien", "ghiChu", "ketQuaXuLy", "nguoiXuLy", "chucDanh", "phongBanXuLy", "noiDungXuLy", "ngayBatDau",
            "ngayKetThucTheoQuyDinh", "ngayHenTraTruoc", "ngayHenTraMoi", "hanBoSungHoSo");

    private final String username;
    private final String password;
    private final long tokenSeconds;
    private final WireMockServer server;
    private final Object lock = new Object();
    private final Map<String, CivilStatusSamples.Dossier> waiting = new LinkedHashMap<>();
    private final Map<String, CivilStatusSamples.Dossier> byId = new LinkedHashMap<>();
    private final Set<String> acknowledged = new LinkedHashSet<>();
    private final Map<String, List<JsonNode>> statuses = new LinkedHashMap<>();
    private final Map<String, Instant> tokens = new LinkedHashMap<>();
    private final List<CivilStatusFault> faults = new ArrayList<>();
    private final List<int[]> remaining = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private int logins;
    private int acks;

    public CivilStatusSimulator(int port, String username, String password, long tokenSeconds) {
        this.username = username;
        this.password = password;
        this.tokenSeconds = tokenSeconds;
        this.server = new WireMockServer(wireMockConfig().bindAddress(SandboxConfiguration.BIND_ADDRESS).port(port)
                .disableRequestJournal().stubRequestLoggingDisabled(true).gzipDisabled(true).containerThreads(20)
                .extensions(new Handler()));
    }

    public CivilStatusSimulator start() {
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
        return this;
    }

    public void stop() {
        if (server.isRunning()) server.stop();
    }

    @Override
    public void close() {
        stop();
    }

    public String baseUrl() {
        return "http://localhost:" + server.port() + BASE_PATH;
    }

    // ---- state ------------------------------------------------------------------------------------------

    /** Puts a dossier in the waiting list (as the portal would after a citizen filed it). */
    public void add(CivilStatusSamples.Dossier d) {
        synchronized (lock) {
            waiting.put(d.code(), d);
            byId.put(d.id(), d);
        }
    }

    public List<String> waitingCodes() {
        synchronized (lock) { return List.copyOf(waiting.keySet()); }
    }

    public Set<String> acknowledgedCodes() {
        synchronized (lock) { return Set.copyOf(acknowledged); }
    }

    /** CapNhatDaNhanHoSo calls answered success, repeats included. */
    public int acknowledgements() {
        synchronized (lock) { return acks; }
    }

    public List<JsonNode> statuses(String code) {
        synchronized (lock) { return List.copyOf(statuses.getOrDefault(code, List.of())); }
    }

    public int logins() {
        synchronized (lock) { return logins; }
    }

    /** Every call as "METHOD operation", refused ones included. */
    public List<String> calls() {
        synchronized (lock) { return List.copyOf(calls); }
    }

    public void addFault(CivilStatusFault f) {
        synchronized (lock) {
            faults.add(f);
            remaining.add(new int[] {f.times()});
        }
    }

    public void clearFaults() {
        synchronized (lock) {
            faults.clear();
            remaining.clear();
        }
    }

    public void expireTokens() {
        synchronized (lock) { tokens.clear(); }
    }

    public void reset() {
        synchronized (lock) {
            waiting.clear();
            byId.clear();
            acknowledged.clear();
            statuses.clear();
            tokens.clear();
            calls.clear();
            logins = 0;
            acks = 0;
            clearFaults();
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------

    private final class Handler implements ResponseDefinitionTransformerV2 {
        @Override public String getName() { return "lienthong-civil-status-simulator"; }
        @Override public boolean applyGlobally() { return true; }
        @Override public ResponseDefinition transform(ServeEvent event) { return handle(event.getRequest()); }
    }

    private ResponseDefinition handle(Request request) {
        String url = request.getUrl();
        if (url.contains("?")) return problem(404, "Không tìm thấy");
        if (!url.startsWith(BASE_PATH + "/")) return problem(404, "Không tìm thấy");
        String path = url.substring(BASE_PATH.length());
        String method = request.getMethod().getName();
        if (path.startsWith("/__sim/")) return control(method, path.substring("/__sim/".length()), request.getBody());
        String operation = operation(method, path);
        synchronized (lock) {
            calls.add(method + " " + (operation == null ? path : operation));
        }
        if (operation == null) return problem(404, "Không tìm thấy");
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody();
        String code = operation.equals("detail") ? codeOfId(path.substring(LIST.length() + 1)) : codeIn(body);
        CivilStatusFault fault = pick(operation, code);
        if (fault != null) {
            switch (fault.mode()) {
                case DOWN -> { return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build(); }
                case HTTP_ERROR -> { return problem(fault.httpStatus(), "Lỗi hệ thống (mô phỏng)"); }
                case SESSION_EXPIRED -> expireTokens();
                default -> { }
            }
        }
        ResponseDefinition answer = switch (operation) {
            case "token" -> token(body);
            case "list" -> authorised(request) ? list(body) : unauthorised();
            case "detail" -> authorised(request) ? detail(path.substring(LIST.length() + 1), fault) : unauthorised();
            case "ack" -> authorised(request) ? ack(body) : unauthorised();
            default -> authorised(request) ? status(body) : unauthorised();
        };
        if (fault != null && fault.mode() == CivilStatusFault.Mode.SLOW) {
            return ResponseDefinitionBuilder.like(answer).withFixedDelay((int) fault.delayMillis()).build();
        }
        return answer;
    }

    private static String operation(String method, String path) {
        if (method.equals("POST") && path.equals(TOKEN)) return "token";
        if (method.equals("GET") && path.equals(LIST)) return "list";
        if (method.equals("PUT") && path.equals(ACK)) return "ack";
        if (method.equals("POST") && path.equals(STATUS)) return "status";
        if (method.equals("GET") && path.startsWith(LIST + "/") && path.indexOf('/', LIST.length() + 1) < 0) return "detail";
        return null;
    }

    private boolean authorised(Request r) {
        String h = r.getHeader("Authorization");
        if (h == null || !h.startsWith("Bearer ")) return false;
        synchronized (lock) {
            Instant until = tokens.get(h.substring(7));
            return until != null && Instant.now().isBefore(until);
        }
    }

    private ResponseDefinition token(byte[] raw) {
        JsonNode b = parse(raw);
        if (b == null || !b.isObject() || b.size() != 2 || !b.path("userName").isTextual() || !b.path("password").isTextual()) {
            return validation("userName", "Cần userName và password");
        }
        if (!username.equals(b.get("userName").textValue()) || !password.equals(b.get("password").textValue())) {
            return problem(401, "Sai tên đăng nhập hoặc mật khẩu");
        }
        Instant exp = Instant.now().plusSeconds(tokenSeconds);
        String claims = "{\"sub\":\"" + username + "\",\"exp\":" + exp.getEpochSecond() + "}";
        String token = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(claims) + "." + b64(UUID.randomUUID().toString());
        synchronized (lock) {
            tokens.put(token, exp);
            logins++;
        }
        ObjectNode out = JSON.createObjectNode().put("token", token).put("refreshToken", UUID.randomUUID().toString())
                .put("refreshTokenExpiryTime", LocalDateTime.now().plusDays(1).format(DATE_TIME));
        return json(200, out.toString());
    }

    /** GET with no body, or {} as production clients send. */
    private ResponseDefinition list(byte[] raw) {
        if (raw.length > 0 && !"{}".equals(new String(raw, UTF_8).trim())) return validation("body", "GET không nhận nội dung");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("data");
            synchronized (lock) {
                for (CivilStatusSamples.Dossier d : waiting.values()) CivilStatusSamples.writeItem(g, d);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            return problem(500, "Lỗi hệ thống");
        }
        return json(200, out.toString(UTF_8));
    }

    private ResponseDefinition detail(String id, CivilStatusFault fault) {
        CivilStatusSamples.Dossier d;
        synchronized (lock) {
            d = byId.get(id);
        }
        if (d == null) return problem(404, "Không tìm thấy hồ sơ");
        String declaration = fault != null && fault.mode() == CivilStatusFault.Mode.MALFORMED
                ? d.declaration().replace("</hoTich>", "<hoTich>") : d.declaration();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CivilStatusSamples.writeDetail(d, declaration, out);
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(out.toByteArray()).build();
    }

    private ResponseDefinition ack(byte[] raw) {
        JsonNode b = parse(raw);
        if (b == null || !b.isObject() || b.size() != 2 || !b.path("maHoSo").isTextual() || !b.path("daNhan").isBoolean()) {
            return validation("maHoSo", "Cần maHoSo và daNhan");
        }
        String code = b.get("maHoSo").textValue();
        synchronized (lock) {
            if (!byId.values().stream().anyMatch(d -> d.code().equals(code))) {
                return json(200, "{\"succeeded\":false,\"message\":\"Không tìm thấy hồ sơ\"}");
            }
            waiting.remove(code);
            acknowledged.add(code);
            acks++;
        }
        return json(200, "{\"succeeded\":true,\"message\":\"Cập nhật thành công\"}");
    }

    private ResponseDefinition status(byte[] raw) {
        JsonNode b = parse(raw);
        if (b == null || !b.isObject()) return validation("body", "Nội dung không hợp lệ");
        for (String f : STATUS_FIELDS) if (!b.has(f)) return validation(f, "Thiếu " + f);
        for (java.util.Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!STATUS_FIELDS.contains(f)) return validation(f, "Trường không được hỗ trợ");
        }
        if (!b.get("trangThai").isInt() || b.get("trangThai").asInt() < 1 || b.get("trangThai").asInt() > 7) {
            return validation("trangThai", "trangThai không hợp lệ");
        }
        if (!b.get("coQuanXuLy").isInt() || !b.get("soHoSoLT").isTextual() || !b.get("maHoSo").isTextual() || !b.get("maTTHC").isTextual()) {
            return validation("soHoSoLT", "Sai kiểu dữ liệu");
        }
        if (!date(b.get("thoiGianThucHien"), false)) return validation("thoiGianThucHien", "Sai định dạng dd/MM/yyyy HH:mm:ss");
        for (String f : List.of("ngayBatDau", "ngayKetThucTheoQuyDinh", "ngayHenTraTruoc", "ngayHenTraMoi", "hanBoSungHoSo")) {
            if (!date(b.get(f), true)) return validation(f, "Sai định dạng dd/MM/yyyy HH:mm:ss");
        }
        int state = b.get("trangThai").asInt();
        if (state == 4 && !result(b.get("ketQuaXuLy"))) return validation("ketQuaXuLy", "ketQuaXuLy phải là JSON có soDangKy và giấy tờ kết quả");
        if (state != 4 && !b.get("ketQuaXuLy").isNull()) return validation("ketQuaXuLy", "Chỉ trạng thái 4 có ketQuaXuLy");
        String code = b.get("soHoSoLT").textValue();
        synchronized (lock) {
            if (!acknowledged.contains(code)) return text(200, "Hồ sơ liên thông không tồn tại");
            List<JsonNode> seen = statuses.computeIfAbsent(code, k -> new ArrayList<>());
            if (!seen.isEmpty()) {
                int last = seen.get(seen.size() - 1).get("trangThai").asInt();
                if (last == 5 || last == 6) return text(200, "Hồ sơ đã trả kết quả, không được cập nhật trạng thái");
            }
            seen.add(b);
        }
        return text(200, "Cập nhật trạng thái thành công");
    }

    private static boolean result(JsonNode k) {
        if (k == null || !k.isTextual()) return false;
        JsonNode r = parse(k.textValue().getBytes(UTF_8));
        if (r == null || !r.path("soDangKy").isTextual() || !r.path("maGiayToKetQua").isTextual()) return false;
        JsonNode cert = r.has("giayKhaiSinh") ? r.get("giayKhaiSinh") : r.get("giayKhaiTu");
        try {
            return cert != null && cert.isTextual() && Base64.getDecoder().decode(cert.textValue()).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean date(JsonNode n, boolean nullable) {
        if (n == null || n.isNull()) return nullable;
        if (!n.isTextual()) return false;
        try {
            LocalDateTime.parse(n.textValue(), DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private String codeOfId(String id) {
        synchronized (lock) {
            CivilStatusSamples.Dossier d = byId.get(id);
            return d == null ? null : d.code();
        }
    }

    private static String codeIn(byte[] raw) {
        JsonNode b = parse(raw);
        if (b == null) return null;
        JsonNode c = b.has("maHoSo") && !b.has("soHoSoLT") ? b.get("maHoSo") : b.get("soHoSoLT");
        return c == null ? null : c.asText();
    }

    /** Consumes one unit of the first matching rule's budget. */
    private CivilStatusFault pick(String operation, String code) {
        synchronized (lock) {
            for (int i = 0; i < faults.size(); i++) {
                CivilStatusFault f = faults.get(i);
                if (remaining.get(i)[0] == 0) continue;
                if (f.service() != null && !f.service().equals(operation)) continue;
                if (f.dossierCode() != null && !f.dossierCode().equals(code)) continue;
                if (remaining.get(i)[0] > 0) remaining.get(i)[0]--;
                return f;
            }
            return null;
        }
    }

    private ResponseDefinition control(String method, String route, byte[] raw) {
        synchronized (lock) {
            switch (method + " " + route) {
                case "GET state" -> {
                    ObjectNode s = JSON.createObjectNode().put("logins", logins).put("waiting", waiting.size())
                            .put("acknowledged", acknowledged.size()).put("acknowledgements", acks);
                    s.set("waitingCodes", JSON.valueToTree(waiting.keySet()));
                    ArrayNode f = s.putArray("faults");
                    for (int i = 0; i < faults.size(); i++) f.add(JSON.<ObjectNode>valueToTree(faults.get(i)).put("remaining", remaining.get(i)[0]));
                    return json(200, s.toString());
                }
                case "POST dossiers" -> {
                    JsonNode b = parse(raw);
                    int count = b == null ? 1 : b.path("count").asInt(1);
                    int from = b == null ? byId.size() + 1 : b.path("from").asInt(byId.size() + 1);
                    if (count < 1 || count > 1000) return problem(400, "count 1-1000");
                    ArrayNode added = JSON.createArrayNode();
                    for (int n = from; n < from + count; n++) {
                        CivilStatusSamples.Dossier d = CivilStatusSamples.sample(n);
                        waiting.put(d.code(), d);
                        byId.put(d.id(), d);
                        added.add(d.code());
                    }
                    return json(201, added.toString());
                }
                case "POST faults" -> {
                    try {
                        JsonNode j = JSON.readTree(raw);
                        CivilStatusFault f = new CivilStatusFault(CivilStatusFault.Mode.valueOf(j.path("mode").asText("").toUpperCase()),
                                j.path("times").asInt(-1), j.path("service").asText(null), j.path("dossierCode").asText(null),
                                j.path("delayMillis").asLong(3000), j.path("httpStatus").asInt(503));
                        faults.add(f);
                        remaining.add(new int[] {f.times()});
                        return json(201, JSON.valueToTree(f).toString());
                    } catch (IOException | RuntimeException e) {
                        return problem(400, "fault: mode DOWN, SLOW, HTTP_ERROR, SESSION_EXPIRED, MALFORMED; service token, list, detail, ack, status");
                    }
                }
                case "DELETE faults" -> {
                    clearFaults();
                    return aResponse().withStatus(204).build();
                }
                case "POST expire-sessions" -> {
                    tokens.clear();
                    return aResponse().withStatus(204).build();
                }
                case "POST reset" -> {
                    reset();
                    return aResponse().withStatus(204).build();
                }
                default -> { }
            }
            if (method.equals("GET") && route.startsWith("statuses/")) {
                return json(200, JSON.valueToTree(statuses.getOrDefault(route.substring("statuses/".length()), List.of())).toString());
            }
            return problem(404, "Không tìm thấy");
        }
    }

    private static JsonNode parse(byte[] raw) {
        if (raw == null || raw.length == 0) return null;
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(UTF_8));
    }

    private static ResponseDefinition unauthorised() {
        return problem(401, "Unauthorized");
    }

    /** The service's validation answer (RFC 7807 style, as the province's client declares it). */
    private static ResponseDefinition validation(String field, String message) {
        ObjectNode p = JSON.createObjectNode();
        p.putObject("errors").putArray(field).add(message);
        p.put("type", "https://tools.ietf.org/html/rfc7231#section-6.5.1").put("title", "One or more validation errors occurred.")
                .put("status", 400).put("traceId", UUID.randomUUID().toString());
        return json(400, p.toString());
    }

    private static ResponseDefinition problem(int status, String title) {
        return json(status, JSON.createObjectNode().put("title", title).put("status", status).toString());
    }

    private static ResponseDefinition json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body.getBytes(UTF_8)).build();
    }

    private static ResponseDefinition text(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/plain; charset=utf-8").withBody(body.getBytes(UTF_8)).build();
    }
}
