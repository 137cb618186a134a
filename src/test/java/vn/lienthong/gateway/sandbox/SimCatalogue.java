package vn.lienthong.gateway.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URLDecoder;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The portal simulator's national procedure catalogue: LayDanhSachTTHC, LayThuTuc, LayDanhMucLinhVuc and
 * LayDanhMucCoQuan in the session envelope, answered as procedure-catalogue.md shapes them, over a generated
 * catalogue ({@link SimCatalogueData}, {@value #DEFAULT_SIZE} procedures by default, of which 2,001 published).
 * A request with a field the service does not take, without madonvi or maTTHC, or on the wrong path is refused
 * with error_code 14. Edits (rename, unlist, unpublish, add) stand for the portal's changes between refreshes;
 * {@link CatalogueFault}s for its faults. Control: {@code <base>/__sim/catalogue/…}.
 */
public final class SimCatalogue {
    public static final String LIST = "LayDanhSachTTHC";
    public static final String PROCEDURE = "LayThuTuc";
    public static final String DOMAINS = "LayDanhMucLinhVuc";
    public static final String AGENCIES = "LayDanhMucCoQuan";
    public static final Set<String> SERVICES = Set.of(LIST, PROCEDURE, DOMAINS, AGENCIES);
    /** The adapter's second path, for the list services only (a province sets gateway.catalogue.share-path to it). */
    public static final String SHARE_PATH = "/share";
    public static final int DEFAULT_SIZE = 2020;
    private static final int REQUESTS_KEPT = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** One catalogue request as the simulator saw it (query: the raw query string, null when there was none). */
    public record Request(Instant at, String method, String path, String query, String dstcode, String service,
                          JsonNode body, int httpStatus, String errorCode) {
    }

    /** An answer for {@link PortalSimulator} to send. */
    record Reply(int status, String body) {
    }

    private final long seed;
    private SimCatalogueData data;
    private final Map<String, String> renamed = new HashMap<>();
    private final Set<String> unlisted = new HashSet<>();
    private final Set<String> unpublished = new HashSet<>();
    private final Map<String, String> added = new LinkedHashMap<>();
    private final List<ActiveFault> faults = new ArrayList<>();
    private final ArrayDeque<Request> requests = new ArrayDeque<>();
    private boolean paging;

    private static final class ActiveFault {
        final CatalogueFault spec;
        int remaining;

        ActiveFault(CatalogueFault spec) {
            this.spec = spec;
            this.remaining = spec.times();
        }
    }

    public SimCatalogue(long seed) {
        this.seed = seed;
        this.data = new SimCatalogueData(seed, DEFAULT_SIZE);
    }

    // ---- state and edits ------------------------------------------------------------------------------------

    /** Generated procedures (the first ones stay the same whatever the size). */
    public synchronized void resize(int procedures) {
        data = new SimCatalogueData(seed, procedures);
    }

    public synchronized void rename(String code, String name) { renamed.put(known(code), name); }
    /** The procedure disappears from LayDanhSachTTHC (LayThuTuc still answers it). */
    public synchronized void unlist(String code) { unlisted.add(known(code)); }
    /** LayThuTuc answers TRANGTHAI "0" (not public). */
    public synchronized void unpublish(String code) { unpublished.add(known(code)); }

    public synchronized void restore(String code) {
        renamed.remove(code);
        unlisted.remove(code);
        unpublished.remove(code);
    }

    /** A new procedure the portal publishes, with generated details. */
    public synchronized void add(String code, String name) {
        added.put(code, name);
    }

    /** Forgets edits, faults, paging and requests; the generated catalogue stays. */
    public synchronized void reset() {
        renamed.clear();
        unlisted.clear();
        unpublished.clear();
        added.clear();
        faults.clear();
        requests.clear();
        paging = false;
    }

    public synchronized void addFault(CatalogueFault fault) { faults.add(new ActiveFault(fault)); }
    public synchronized void clearFaults() { faults.clear(); }
    /** When on, the list services require page and pageSize (1-based) and answer that page. */
    public synchronized void paging(boolean on) { paging = on; }

    /** The codes LayDanhSachTTHC lists now. */
    public synchronized List<String> listedCodes() {
        List<String> out = new ArrayList<>();
        for (String c : allCodes()) {
            if (!unlisted.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The codes of published procedures LayDanhSachTTHC lists now. */
    public synchronized List<String> publishedCodes() {
        return listedCodes().stream().filter(c -> "1".equals(state(c))).toList();
    }

    /** The LayThuTuc result object served for a code now; null for an unknown code. */
    public synchronized ObjectNode procedure(String code) {
        Integer i = data.indexOf(code);
        if (i == null && !added.containsKey(code)) {
            return null;
        }
        int n = i != null ? i : data.codes().size() + new ArrayList<>(added.keySet()).indexOf(code);
        return data.procedure(n, code, name(code), state(code));
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized void record(Request r) {
        requests.addLast(r);
        if (requests.size() > REQUESTS_KEPT) {
            requests.removeFirst();
        }
    }

    private List<String> allCodes() {
        List<String> all = new ArrayList<>(data.codes());
        all.addAll(added.keySet());
        return all;
    }

    private String known(String code) {
        if (data.indexOf(code) == null && !added.containsKey(code)) {
            throw new IllegalArgumentException("no procedure " + code + " in the simulated catalogue");
        }
        return code;
    }

    private String name(String code) {
        if (renamed.containsKey(code)) {
            return renamed.get(code);
        }
        Integer i = data.indexOf(code);
        return i != null ? data.name(i) : added.get(code);
    }

    private String state(String code) {
        Integer i = data.indexOf(code);
        return unpublished.contains(code) || (i != null && i % 101 == 100) ? "0" : "1";
    }

    // ---- the services ----------------------------------------------------------------------------------------

    /** Whether a request on this path is the catalogue's (the share path is; on the integration path, its services). */
    static boolean serves(String route, String service) {
        return route.equals(SHARE_PATH) || SERVICES.contains(service);
    }

    /** The answer to a catalogue call whose envelope, session and faults PortalSimulator has already judged. */
    synchronized Reply answer(String route, JsonNode body) {
        String service = body.path("service").asText("");
        String refused = refusal(route, service, body);
        if (refused != null) {
            return new Reply(200, error(14, refused));
        }
        String code = service.equals(PROCEDURE) ? body.get("maTTHC").asText() : null;
        CatalogueFault fault = pickFault(service, code);
        if (fault != null) {
            return switch (fault.mode()) {
                case ERROR -> new Reply(200, error(fault.errorCode(), "lỗi hệ thống (mô phỏng)"));
                case EMPTY -> new Reply(200, ok(JSON.createArrayNode()));
                case MALFORMED -> new Reply(200, service.equals(PROCEDURE) ? ok(JSON.createArrayNode().add(malformed(code)))
                        : ok(JSON.createObjectNode().put("loi", "dữ liệu hỏng (mô phỏng)")));
            };
        }
        return new Reply(200, ok(switch (service) {
            case PROCEDURE -> {
                ObjectNode p = procedure(code);
                ArrayNode result = JSON.createArrayNode();
                if (p != null) {
                    result.add(p);
                }
                yield result;
            }
            case LIST -> page(list(), body);
            case DOMAINS -> page(data.domains(), body);
            default -> page(data.agencies(), body);
        }));
    }

    private String refusal(String route, String service, JsonNode body) {
        if (!SERVICES.contains(service)) {
            return "service không hỗ trợ";
        }
        if (route.equals(SHARE_PATH) && service.equals(PROCEDURE)) {
            return "service " + service + " không hỗ trợ trên đường dẫn này";
        }
        Set<String> allowed = new HashSet<>(Set.of("session", "madonvi", "service"));
        if (service.equals(PROCEDURE)) {
            allowed.add("maTTHC");
        } else if (paging) {
            allowed.addAll(Set.of("page", "pageSize"));
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                return "trường không hợp lệ: " + f;
            }
        }
        if (!nonBlankText(body.get("madonvi"))) {
            return "thiếu madonvi";
        }
        if (service.equals(PROCEDURE) && !nonBlankText(body.get("maTTHC"))) {
            return "thiếu maTTHC";
        }
        if (paging && !service.equals(PROCEDURE) && (positive(body.get("page")) == 0 || positive(body.get("pageSize")) == 0)) {
            return "thiếu page hoặc pageSize";
        }
        return null;
    }

    private ArrayNode list() {
        ArrayNode out = JSON.createArrayNode();
        for (String c : listedCodes()) {
            out.addObject().put("MATTHC", c).put("TENTTHC", name(c));
        }
        return out;
    }

    private ArrayNode page(ArrayNode all, JsonNode body) {
        if (!paging) {
            return all;
        }
        int page = positive(body.get("page"));
        int size = positive(body.get("pageSize"));
        ArrayNode out = JSON.createArrayNode();
        for (int i = (page - 1) * size; i < Math.min(all.size(), page * size); i++) {
            out.add(all.get(i));
        }
        return out;
    }

    private ObjectNode malformed(String code) {
        ObjectNode p = JSON.createObjectNode().put("MATTHC", code).put("TENTTHC", code == null ? "" : name(code));
        p.put("THANHPHANHOSO", "không phải danh sách");
        return p;
    }

    private CatalogueFault pickFault(String service, String code) {
        for (ActiveFault f : faults) {
            CatalogueFault c = f.spec;
            if (f.remaining == 0 || (c.service() != null && !c.service().equals(service))
                    || (c.procedureCode() != null && !c.procedureCode().equals(code))) {
                continue;
            }
            if (f.remaining > 0) {
                f.remaining--;
            }
            return c;
        }
        return null;
    }

    private static boolean nonBlankText(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank();
    }

    private static int positive(JsonNode n) {
        if (n == null || !(n.isTextual() || n.isInt())) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(n.asText()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String ok(JsonNode result) {
        ObjectNode answer = JSON.createObjectNode().put("error_code", 0).put("message", "");
        answer.set("result", result);
        return answer.toString();
    }

    static String error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message).toString();
    }

    // ---- control endpoints -------------------------------------------------------------------------------

    /** {@code <base>/__sim/catalogue…}: state, faults, edits, requests, reset. */
    synchronized Reply control(String method, String route, byte[] raw) {
        String sub = route.substring("catalogue".length());
        try {
            switch (method + " " + sub) {
                case "GET " -> {
                    ObjectNode s = JSON.createObjectNode().put("procedures", allCodes().size()).put("listed", listedCodes().size())
                            .put("published", publishedCodes().size()).put("requests", requests.size()).put("paging", paging);
                    s.set("renamed", JSON.valueToTree(renamed));
                    s.set("unlisted", JSON.valueToTree(unlisted));
                    s.set("unpublished", JSON.valueToTree(unpublished));
                    s.set("added", JSON.valueToTree(added));
                    ArrayNode fs = s.putArray("faults");
                    faults.forEach(f -> fs.add(JSON.<ObjectNode>valueToTree(f.spec).put("remaining", f.remaining)));
                    return new Reply(200, s.toString());
                }
                case "GET /requests" -> { return new Reply(200, JSON.valueToTree(requests).toString()); }
                case "POST /faults" -> {
                    JsonNode j = JSON.readTree(raw);
                    CatalogueFault f = new CatalogueFault(CatalogueFault.Mode.valueOf(j.path("mode").asText("").toUpperCase()),
                            j.path("times").asInt(CatalogueFault.UNTIL_CLEARED), j.path("service").asText(null),
                            j.path("procedureCode").asText(null), j.path("errorCode").asInt(99));
                    faults.add(new ActiveFault(f));
                    return new Reply(201, JSON.valueToTree(f).toString());
                }
                case "DELETE /faults" -> {
                    faults.clear();
                    return new Reply(204, null);
                }
                case "POST /edits" -> {
                    JsonNode j = JSON.readTree(raw);
                    String code = j.path("code").asText("");
                    switch (j.path("action").asText("").toUpperCase()) {
                        case "RENAME" -> rename(code, j.path("name").asText(code));
                        case "UNLIST" -> unlist(code);
                        case "UNPUBLISH" -> unpublish(code);
                        case "RESTORE" -> restore(code);
                        case "ADD" -> add(code, j.path("name").asText("Thủ tục mới " + code));
                        default -> throw new IllegalArgumentException("action is RENAME, UNLIST, UNPUBLISH, RESTORE or ADD");
                    }
                    return new Reply(201, JSON.createObjectNode().put("code", code).put("listed", listedCodes().size()).toString());
                }
                case "POST /reset" -> {
                    reset();
                    return new Reply(204, null);
                }
                default -> { }
            }
            if (method.equals("GET") && sub.startsWith("/procedures/")) {
                ObjectNode p = procedure(URLDecoder.decode(sub.substring("/procedures/".length()), UTF_8));
                return p == null ? new Reply(404, error(404, "không tìm thấy")) : new Reply(200, p.toString());
            }
            return new Reply(404, error(404, "không tìm thấy"));
        } catch (IOException | IllegalArgumentException e) {
            return new Reply(400, error(14, "yêu cầu không hợp lệ: " + e.getMessage()));
        }
    }
}
