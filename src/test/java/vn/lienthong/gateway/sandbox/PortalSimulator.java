package vn.lienthong.gateway.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.net.URLDecoder;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * In-process stand-in for the National Public Service Portal (Cổng DVC quốc gia) integration API, built on
 * WireMock. All behaviour lives in one global response transformer; WireMock only supplies the HTTP server,
 * connection faults and delays. State is guarded by a single lock: handling is cheap, so contention stays low
 * even at benchmark rates.
 */
public final class PortalSimulator implements AutoCloseable {

    public static final String BASE_PATH = "/portal";
    public static final String SYNC_DOSSIER = "DongBoHoSoMC";
    public static final String UPDATE_PROGRESS = "CapNhatTienDoHoSoMC";
    /** Poll of the items waiting for the province (dossiers filed online, payments, ratings). */
    public static final String LIST_ITEMS = "LayDanhSachHoSo";
    /** Acknowledgement of polled items by MaHoSoQG (or MaHoSo for items without one). */
    public static final String ACK_ITEMS = "CapNhatDaNhanHoSo";
    public static final int MAX_RECORDS_PER_CALL = 100;
    public static final int MAX_CALLS_KEPT = 200_000;
    public static final long DEFAULT_SEED = 42;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Answer EXPIRED = Answer.json(200, error(-2, "phiên hết hạn"));

    private final String username;
    private final String password;
    private final WireMockServer server;

    private final Object lock = new Object();
    private final ArrayDeque<ReceivedCall> calls = new ArrayDeque<>();
    private final ArrayDeque<String> requestLines = new ArrayDeque<>();
    private final int keep;
    private final ArrayDeque<JsonNode> applied = new ArrayDeque<>();
    private final Map<String, JsonNode> latest;
    private final Map<String, List<JsonNode>> appliedByDossier;
    private final ArrayDeque<JsonNode> progress = new ArrayDeque<>();
    private final Map<String, List<JsonNode>> progressByDossier;
    private long appliedTotal;
    private long progressTotal;
    private final Set<String> sessions = new HashSet<>();
    private final List<ActiveFault> faults = new ArrayList<>();
    private final List<JsonNode> waitingItems = new ArrayList<>();
    private final List<String> acknowledged = new ArrayList<>();
    private int logins;
    private long seed = DEFAULT_SEED;
    private Random random = new Random(DEFAULT_SEED);
    private final SimCatalogue catalogue = new SimCatalogue(DEFAULT_SEED);

    public PortalSimulator(int port, String username, String password) {
        this(port, username, password, MAX_CALLS_KEPT);
    }

    /**
     * {@code keep}: how many calls, records, progress entries and dossiers the simulator remembers (the oldest are
     * forgotten first; the counts go on), so a long-running sandbox or a benchmark does not grow without bound.
     */
    public PortalSimulator(int port, String username, String password, int keep) {
        this.username = username;
        this.password = password;
        this.keep = keep;
        this.latest = bounded(keep);
        this.appliedByDossier = bounded(keep);
        this.progressByDossier = bounded(keep);
        this.server = new WireMockServer(wireMockConfig().bindAddress(SandboxConfiguration.BIND_ADDRESS)
                .port(port)
                .disableRequestJournal()
                .stubRequestLoggingDisabled(true)
                .gzipDisabled(true)
                .containerThreads(50)
                .extensions(new Handler()));
    }

    public PortalSimulator start() {
        server.start();
        // the transformer only runs for matched requests, so one catch-all stub routes everything to it
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

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        return "http://localhost:" + port() + BASE_PATH;
    }

    // ---- state -------------------------------------------------------------------------------------------

    public List<ReceivedCall> calls() {
        synchronized (lock) { return List.copyOf(calls); }
    }

    /** Method and URL (path and query, as sent) of every request but the control ones, refused ones included. */
    public List<String> requestLines() {
        synchronized (lock) { return List.copyOf(requestLines); }
    }

    public List<JsonNode> appliedRecords() {
        synchronized (lock) { return List.copyOf(applied); }
    }

    public List<JsonNode> appliedRecords(String maHoSo) {
        synchronized (lock) { return List.copyOf(appliedByDossier.getOrDefault(maHoSo, List.of())); }
    }

    /** Latest applied record per MaHoSo, in order of first creation. */
    public Map<String, JsonNode> dossiers() {
        synchronized (lock) { return new LinkedHashMap<>(latest); }
    }

    public List<JsonNode> progress(String maHoSo) {
        synchronized (lock) { return List.copyOf(progressByDossier.getOrDefault(maHoSo, List.of())); }
    }

    public List<JsonNode> allProgress() {
        synchronized (lock) { return List.copyOf(progress); }
    }

    /** How many records were applied and progress entries appended in all (also those forgotten since). */
    public long[] appliedCounts() {
        synchronized (lock) { return new long[] {appliedTotal, progressTotal}; }
    }

    private static <V> Map<String, V> bounded(int keep) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > keep;
            }
        };
    }

    /** Items waiting to be polled with LayDanhSachHoSo, in the order they were queued. */
    public List<JsonNode> waitingItems() {
        synchronized (lock) { return List.copyOf(waitingItems); }
    }

    /** Keys acknowledged with CapNhatDaNhanHoSo, in order. */
    public List<String> acknowledgedKeys() {
        synchronized (lock) { return List.copyOf(acknowledged); }
    }

    /** Queues a callback envelope {"LoaiThongBao": …, "DuLieu": {…}} for the poll mode. */
    public void enqueueItem(JsonNode envelope) {
        synchronized (lock) { waitingItems.add(envelope.deepCopy()); }
    }

    /** Successful logins (sessions issued). */
    public int loginCount() {
        synchronized (lock) { return logins; }
    }

    /** Forgets everything and restarts the fault dice from the current seed. */
    public void reset() {
        synchronized (lock) {
            calls.clear();
            requestLines.clear();
            applied.clear();
            latest.clear();
            appliedByDossier.clear();
            progress.clear();
            progressByDossier.clear();
            appliedTotal = 0;
            progressTotal = 0;
            sessions.clear();
            faults.clear();
            waitingItems.clear();
            acknowledged.clear();
            logins = 0;
            random = new Random(seed);
        }
    }

    /** Seeds the probability draws of faults (default {@value #DEFAULT_SEED}) so runs are repeatable. */
    public void setSeed(long seed) {
        synchronized (lock) {
            this.seed = seed;
            this.random = new Random(seed);
        }
    }

    // ---- faults ------------------------------------------------------------------------------------------

    public void addFault(PortalFault fault) {
        synchronized (lock) { faults.add(new ActiveFault(fault)); }
    }

    public void clearFaults() {
        synchronized (lock) { faults.clear(); }
    }

    public void expireSessions() {
        synchronized (lock) { sessions.clear(); }
    }

    private static final class ActiveFault {
        final PortalFault spec;
        int remaining;

        ActiveFault(PortalFault spec) {
            this.spec = spec;
            this.remaining = spec.times();
        }
    }

    // ---- HTTP --------------------------------------------------------------------------------------------

    /** What to send back; {@code fault} set means drop the connection instead. */
    private record Answer(int status, String body, Fault fault, int delayMillis, Integer retryAfter) {
        static Answer json(int status, String body) { return new Answer(status, body, null, 0, null); }

        static Answer empty(int status) { return new Answer(status, null, null, 0, null); }

        Answer delayed(long millis) { return new Answer(status, body, fault, (int) millis, retryAfter); }

        ResponseDefinition toDefinition() {
            ResponseDefinitionBuilder b = aResponse();
            if (fault != null) return b.withFault(fault).build();
            b.withStatus(status);
            if (body != null) b.withHeader("Content-Type", "application/json; charset=utf-8").withBody(body.getBytes(UTF_8));
            if (retryAfter != null) b.withHeader("Retry-After", retryAfter.toString());
            if (delayMillis > 0) b.withFixedDelay(delayMillis);
            return b.build();
        }
    }

    private final class Handler implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "lienthong-portal-simulator";
        }

        @Override
        public boolean applyGlobally() {
            return true;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            return handle(event.getRequest()).toDefinition();
        }
    }

    private Answer handle(Request request) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        if (!path.startsWith(BASE_PATH + "/")) return notFound();
        String route = path.substring(BASE_PATH.length());
        String method = request.getMethod().getName();
        if (route.startsWith("/__sim/catalogue")) return catalogueControl(method, route.substring("/__sim/".length()), request.getBody());
        if (route.startsWith("/__sim/")) return control(method, route.substring("/__sim/".length()), request.getBody());
        synchronized (lock) {
            requestLines.addLast(method + " " + url);
            if (requestLines.size() > keep) requestLines.removeFirst();
        }
        // The contract defines no query parameter: a strict portal (or the LGSP before it) matches the whole URL.
        if (q >= 0) return notFound();

        String dstcode = request.getHeader("dstcode");
        boolean hasDstcode = dstcode != null && !dstcode.isBlank();
        if ((route.equals("/integration") || route.equals(SimCatalogue.SHARE_PATH)) && method.equals("POST")) {
            return integration(route, q < 0 ? null : url.substring(q + 1), hasDstcode ? dstcode : null, request.getBody());
        }
        if (!hasDstcode) return Answer.json(400, error(14, "thiếu dstcode"));
        if (route.equals("/auth") && method.equals("POST")) return auth(request.getBody());
        return notFound();
    }

    private Answer auth(byte[] raw) {
        JsonNode body = parse(raw);
        if (!username.equals(body.path("username").asText(null)) || !password.equals(body.path("password").asText(null))) {
            return Answer.json(200, error(1, "sai tài khoản"));
        }
        String session = UUID.randomUUID().toString();
        synchronized (lock) {
            sessions.add(session);
            logins++;
        }
        return Answer.json(200, "{\"error_code\":0,\"session\":\"" + session + "\"}");
    }

    private Answer integration(String route, String query, String dstcode, byte[] raw) {
        Instant at = Instant.now();
        JsonNode body = parse(raw);
        String service = body.path("service").asText(null);
        if (SimCatalogue.serves(route, service)) return catalogueCall(at, route, query, dstcode, body, service);
        synchronized (lock) {
            Answer answer = dstcode == null ? Answer.json(400, error(14, "thiếu dstcode"))
                    : body.isMissingNode() ? Answer.json(400, error(14, "JSON không hợp lệ"))
                    : process(body, service);
            calls.addLast(new ReceivedCall(at, service, body.path("isUpdating").asText(null), body.path("madonvi").asText(null),
                    dstcode, body, answer.fault() != null ? 0 : answer.status(), answer.body()));
            if (calls.size() > keep) calls.removeFirst();
            return answer;
        }
    }

    /** Called under the lock. */
    private Answer process(JsonNode body, String service) {
        boolean sessionOk = sessions.contains(body.path("session").asText(""));
        boolean known = SYNC_DOSSIER.equals(service) || UPDATE_PROGRESS.equals(service)
                || LIST_ITEMS.equals(service) || ACK_ITEMS.equals(service);
        JsonNode data = body.path("data");
        boolean sizeOk = data.isArray() && !data.isEmpty() && data.size() <= MAX_RECORDS_PER_CALL;
        String isUpdating = body.path("isUpdating").asText("");
        boolean creating = SYNC_DOSSIER.equals(service) && isUpdating.equalsIgnoreCase("False");

        // the call's fault; record-level ones (EXISTS, REJECT) are judged record by record below
        PortalFault fault = pickFault(service, data);
        long delay = 0;
        if (fault != null) {
            switch (fault.mode()) {
                case DOWN -> { return new Answer(0, null, Fault.CONNECTION_RESET_BY_PEER, 0, null); }
                case HTTP_ERROR -> { return Answer.json(fault.httpStatus(), error(-1, "lỗi máy chủ (mô phỏng)")); }
                case BUSY -> { return Answer.json(200, error(99, "hệ thống bận")); }
                case RATE_LIMITED -> {
                    return new Answer(429, error(429, "quá nhiều yêu cầu"), null, 0, fault.retryAfterSeconds());
                }
                case SESSION_EXPIRED -> {
                    sessions.clear();
                    return EXPIRED;
                }
                case SLOW -> delay = fault.delayMillis();
                default -> { }
            }
        }
        if (!sessionOk) return EXPIRED;
        if (!known) return Answer.json(200, error(14, "service không hỗ trợ"));
        if (LIST_ITEMS.equals(service)) return listItems();
        if (ACK_ITEMS.equals(service)) return acknowledge(data);
        if (data.isArray() && data.size() > MAX_RECORDS_PER_CALL) {
            return Answer.json(413, error(14, "quá " + MAX_RECORDS_PER_CALL + " bản ghi"));
        }
        if (!sizeOk) return Answer.json(200, error(14, "thiếu data"));
        if (SYNC_DOSSIER.equals(service) && !creating && !isUpdating.equalsIgnoreCase("True")) {
            return Answer.json(200, error(14, "isUpdating không hợp lệ"));
        }

        ArrayNode results = JSON.createArrayNode();
        Set<String> seen = new HashSet<>();
        for (JsonNode rec : data) {
            JsonNode ma = rec.path("MaHoSo");
            String code = ma.isTextual() && !ma.asText().isBlank() ? ma.asText() : null;
            ObjectNode result = results.addObject().put("MaHoSo", code);
            String malformed = SYNC_DOSSIER.equals(service) ? PortalRecordCheck.record(rec) : PortalRecordCheck.progressEntry(rec);
            if (malformed != null) {
                result.put("error_code", 14).put("message", MESSAGES.get(14) + ": " + malformed);
                continue;
            }
            PortalFault recordFault = pickRecordFault(service, code, creating);
            int outcome = SYNC_DOSSIER.equals(service) ? syncRecord(rec, code, creating, seen, recordFault)
                    : progressEntry(rec, code, recordFault);
            result.put("error_code", outcome).put("message", MESSAGES.getOrDefault(outcome, "bị từ chối"));
        }
        ObjectNode answer = JSON.createObjectNode().put("error_code", 0).put("message", "ok");
        answer.set("result", results);
        return Answer.json(200, answer.toString()).delayed(delay);
    }

    /**
     * A catalogue service (SimCatalogue): the transport checks (no query, dstcode, JSON), the call-level faults
     * (DOWN, SLOW, HTTP_ERROR, BUSY, RATE_LIMITED, SESSION_EXPIRED) and the session here, the rest in the
     * catalogue. Kept in the catalogue's own request log, not in calls().
     */
    private Answer catalogueCall(Instant at, String route, String query, String dstcode, JsonNode body, String service) {
        Answer answer = null;
        long delay = 0;
        synchronized (lock) {
            PortalFault fault = query != null || dstcode == null || !body.isObject() ? null : pickFault(service, MissingNode.getInstance());
            answer = query != null ? Answer.json(400, error(14, "tham số không hợp lệ: " + query))
                    : dstcode == null ? Answer.json(400, error(14, "thiếu dstcode"))
                    : !body.isObject() ? Answer.json(400, error(14, "JSON không hợp lệ"))
                    : fault == null ? null : switch (fault.mode()) {
                        case DOWN -> new Answer(0, null, Fault.CONNECTION_RESET_BY_PEER, 0, null);
                        case HTTP_ERROR -> Answer.json(fault.httpStatus(), error(-1, "lỗi máy chủ (mô phỏng)"));
                        case BUSY -> Answer.json(200, error(99, "hệ thống bận"));
                        case RATE_LIMITED -> new Answer(429, error(429, "quá nhiều yêu cầu"), null, 0, fault.retryAfterSeconds());
                        case SESSION_EXPIRED -> {
                            sessions.clear();
                            yield EXPIRED;
                        }
                        default -> null;
                    };
            if (fault != null && fault.mode() == PortalFault.Mode.SLOW) delay = fault.delayMillis();
            if (answer == null && !sessions.contains(body.path("session").asText(""))) answer = EXPIRED;
        }
        if (answer == null) {
            SimCatalogue.Reply reply = catalogue.answer(route, body);
            answer = Answer.json(reply.status(), reply.body()).delayed(delay);
        }
        catalogue.record(new SimCatalogue.Request(at, "POST", BASE_PATH + route, query, dstcode, service, body,
                answer.fault() != null ? 0 : answer.status(), answer.body() == null ? null : parse(answer.body().getBytes(UTF_8))
                        .path("error_code").asText(null)));
        return answer;
    }

    private Answer catalogueControl(String method, String route, byte[] raw) {
        SimCatalogue.Reply reply = catalogue.control(method, route, raw);
        return reply.body() == null ? Answer.empty(reply.status()) : Answer.json(reply.status(), reply.body());
    }

    /** The simulated national procedure catalogue (LayDanhSachTTHC, LayThuTuc, LayDanhMucLinhVuc, LayDanhMucCoQuan). */
    public SimCatalogue catalogue() {
        return catalogue;
    }

    /** Called under the lock: up to 100 waiting items in the usual answer's {@code result}; they stay until acknowledged. */
    private Answer listItems() {
        ObjectNode answer = JSON.createObjectNode().put("error_code", 0).put("message", "ok");
        ArrayNode items = answer.putArray("result");
        waitingItems.stream().limit(MAX_RECORDS_PER_CALL).forEach(items::add);
        return Answer.json(200, answer.toString());
    }

    /** Called under the lock: removes the waiting items of each acknowledged MaHoSoQG (or MaHoSo). */
    private Answer acknowledge(JsonNode data) {
        if (!data.isArray() || data.isEmpty() || data.size() > MAX_RECORDS_PER_CALL) return Answer.json(200, error(14, "thiếu data"));
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode rec : data) {
            String key = rec.path("MaHoSoQG").asText("");
            boolean removed = !key.isBlank() && waitingItems.removeIf(item -> key.equals(item.path("DuLieu").path("MaHoSoQG").asText(null))
                    || key.equals(item.path("DuLieu").path("MaHoSo").asText(null)));
            if (removed) acknowledged.add(key);
            results.addObject().put("MaHoSoQG", key).put("error_code", removed ? 0 : 14).put("message", removed ? "" : "không có hồ sơ chờ");
        }
        ObjectNode answer = JSON.createObjectNode().put("error_code", 0).put("message", "ok");
        answer.set("result", results);
        return Answer.json(200, answer.toString());
    }

    private static final Map<Integer, String> MESSAGES = Map.of(
            0, "", 3, "đã tồn tại", -3, "đã tồn tại", 13, "không được chuyển trạng thái ngược",
            14, "dữ liệu không hợp lệ", 11, "bị từ chối", 12, "bị từ chối");

    /** Called under the lock for a well-formed record (PortalRecordCheck): TrangThaiHoSo is "1" to "10". */
    private int syncRecord(JsonNode rec, String code, boolean creating, Set<String> seen, PortalFault fault) {
        if (code == null || !seen.add(code)) return 14;
        if (hits(fault, code)) return fault.mode() == PortalFault.Mode.EXISTS ? -3 : fault.recordErrorCode();
        JsonNode previous = latest.get(code);
        if (previous != null && creating) return 3;
        if (previous != null && isRegression(previous.path("TrangThaiHoSo").asInt(), rec.path("TrangThaiHoSo").asInt())) return 13;
        latest.put(code, rec);
        applied.addLast(rec);
        if (applied.size() > keep) applied.removeFirst();
        appliedTotal++;
        appliedByDossier.computeIfAbsent(code, k -> new ArrayList<>()).add(rec);
        return 0;
    }

    private int progressEntry(JsonNode rec, String code, PortalFault fault) {
        if (code == null) return 14;
        if (hits(fault, code)) return fault.recordErrorCode();
        progress.addLast(rec);
        if (progress.size() > keep) progress.removeFirst();
        progressTotal++;
        progressByDossier.computeIfAbsent(code, k -> new ArrayList<>()).add(rec);
        return 0;
    }

    /** A finished dossier (9 or 10) cannot go back to an in-progress status. */
    private static boolean isRegression(int from, int to) {
        return (from == 9 || from == 10) && to >= 1 && to <= 8;
    }

    private static boolean hits(PortalFault fault, String code) {
        return fault != null && (fault.dossierCode() == null || fault.dossierCode().equals(code));
    }

    /** Called under the lock: the call's fault (not EXISTS or REJECT); consumes one unit of the chosen rule's budget. */
    private PortalFault pickFault(String service, JsonNode data) {
        for (ActiveFault f : faults) {
            PortalFault p = f.spec;
            if (f.remaining == 0 || isRecordFault(p)) continue;
            if (p.service() != null && !p.service().equals(service)) continue;
            if (p.dossierCode() != null && !mentions(data, p.dossierCode())) continue;
            if (p.probability() < 1 && random.nextDouble() >= p.probability()) continue;
            if (f.remaining > 0) f.remaining--;
            return p;
        }
        return null;
    }

    /**
     * Called under the lock for each record of a call that reached its records: the EXISTS (creates only) or
     * REJECT rule for this record, so that several dossiers' rules in one call each hit their own record; consumes
     * one unit of the chosen rule's budget.
     */
    private PortalFault pickRecordFault(String service, String code, boolean creating) {
        if (code == null) return null;
        for (ActiveFault f : faults) {
            PortalFault p = f.spec;
            if (f.remaining == 0 || !isRecordFault(p)) continue;
            if (p.service() != null && !p.service().equals(service)) continue;
            if (p.dossierCode() != null && !p.dossierCode().equals(code)) continue;
            if (p.mode() == PortalFault.Mode.EXISTS && !creating) continue;
            if (p.probability() < 1 && random.nextDouble() >= p.probability()) continue;
            if (f.remaining > 0) f.remaining--;
            return p;
        }
        return null;
    }

    private static boolean isRecordFault(PortalFault p) {
        return p.mode() == PortalFault.Mode.EXISTS || p.mode() == PortalFault.Mode.REJECT;
    }

    private static boolean mentions(JsonNode data, String code) {
        for (JsonNode rec : data) if (code.equals(rec.path("MaHoSo").asText(null))) return true;
        return false;
    }

    // ---- control endpoints (for curl users of the sandbox) -----------------------------------------------

    private Answer control(String method, String route, byte[] raw) {
        synchronized (lock) {
            switch (method + " " + route) {
                case "GET state" -> { return Answer.json(200, stateJson().toString()); }
                case "GET faults" -> { return Answer.json(200, faultsJson().toString()); }
                case "POST faults" -> {
                    PortalFault fault;
                    try {
                        fault = faultFromJson(parse(raw));
                    } catch (IllegalArgumentException e) {
                        return Answer.json(400, error(14, "fault không hợp lệ: " + e.getMessage()));
                    }
                    faults.add(new ActiveFault(fault));
                    return Answer.json(201, JSON.valueToTree(fault).toString());
                }
                case "DELETE faults" -> {
                    faults.clear();
                    return Answer.empty(204);
                }
                case "POST reset" -> {
                    reset();
                    return Answer.empty(204);
                }
                case "GET poll-items" -> { return Answer.json(200, JSON.valueToTree(waitingItems).toString()); }
                case "POST poll-items" -> {
                    JsonNode items = parse(raw);
                    if (!items.isObject() && !items.isArray()) return Answer.json(400, error(14, "cần một hoặc nhiều thông báo JSON"));
                    if (items.isArray()) items.forEach(i -> waitingItems.add(i.deepCopy()));
                    else waitingItems.add(items.deepCopy());
                    return Answer.json(201, "{\"waiting\":" + waitingItems.size() + "}");
                }
                case "POST expire-sessions" -> {
                    sessions.clear();
                    return Answer.empty(204);
                }
                default -> { }
            }
            if (method.equals("GET") && route.startsWith("dossiers/")) {
                String code = URLDecoder.decode(route.substring("dossiers/".length()), UTF_8);
                if (!latest.containsKey(code) && !progressByDossier.containsKey(code)) return notFound();
                ObjectNode out = JSON.createObjectNode();
                out.set("latest", latest.get(code));
                out.set("applied", JSON.valueToTree(appliedByDossier.getOrDefault(code, List.of())));
                out.set("progress", JSON.valueToTree(progressByDossier.getOrDefault(code, List.of())));
                return Answer.json(200, out.toString());
            }
            return notFound();
        }
    }

    private ObjectNode stateJson() {
        ObjectNode s = JSON.createObjectNode()
                .put("logins", logins).put("calls", calls.size()).put("appliedRecords", appliedTotal)
                .put("dossiers", latest.size()).put("progressEntries", progressTotal);
        s.set("faults", faultsJson());
        return s;
    }

    private ArrayNode faultsJson() {
        ArrayNode out = JSON.createArrayNode();
        for (ActiveFault f : faults) out.add(JSON.<ObjectNode>valueToTree(f.spec).put("remaining", f.remaining));
        return out;
    }

    private static PortalFault faultFromJson(JsonNode j) {
        if (!j.isObject()) throw new IllegalArgumentException("cần một đối tượng JSON");
        PortalFault d = PortalFault.of(PortalFault.Mode.valueOf(j.path("mode").asText("").toUpperCase()));
        return new PortalFault(d.mode(),
                j.path("times").asInt(d.times()),
                j.path("probability").asDouble(d.probability()),
                j.path("delayMillis").asLong(d.delayMillis()),
                j.path("retryAfterSeconds").asInt(d.retryAfterSeconds()),
                j.path("httpStatus").asInt(d.httpStatus()),
                j.path("recordErrorCode").asInt(d.recordErrorCode()),
                j.path("dossierCode").asText(null),
                j.path("service").asText(null));
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static JsonNode parse(byte[] raw) {
        if (raw == null || raw.length == 0) return MissingNode.getInstance();
        try {
            JsonNode node = JSON.readTree(raw);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static String error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message).toString();
    }

    private static Answer notFound() {
        return Answer.json(404, error(404, "không tìm thấy"));
    }
}
