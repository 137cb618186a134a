package vn.lienthong.gateway.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
 * In-process stand-in for the national payment platform (payment-platform.md, message set 1.0.6), on WireMock and the
 * loopback interface like the other simulators. It answers exactly INIT, QUERY and GET_BILL, each a JSON POST to its
 * own path with every field a string in the platform's order and MaXacThuc checked, and refuses anything else (an
 * error_code or MaLoi other than success, 404 for an unknown path). The payment page ({@code GET /dvcpay/pay/{ref}})
 * "pays" on a click; the confirm callback then goes to the province's confirm URL, sealed. Switches
 * ({@link PaymentFault}): platform down, slow, confirm lost, repeated, late, wrong seal, wrong amount. Control at
 * {@code /dvcpay/__sim/…}: state, pay, confirm, faults, reset.
 */
public final class PaymentPlatformSimulator implements AutoCloseable {
    public static final String BASE_PATH = "/dvcpay";
    public static final String INIT = "/init";
    public static final String QUERY = "/query";
    public static final String BILL = "/bill";
    public static final String PAGE = "/pay/";
    public static final List<String> INIT_FIELDS = List.of("LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "SoTien",
            "LoaiHinhThanhToan", "MaKenhThanhToan", "MaThietBi", "NgonNgu", "MaTienTe", "MaNganHang", "ThongTinGiaoDich",
            "ThoiGianGD", "Ip");
    private static final List<String> RECEIPT_FIELDS = List.of("MaDichVu", "MaDVC", "TenDVC", "MaTTHC", "TenTTHC", "MaDonVi",
            "TenDonVi", "MaHoSo", "TKThuHuong", "MaNHThuHuong", "TenTKThuHuong", "NoiDungThanhToan", "HoTenNguoiNop",
            "SoCMNDNguoiNop", "DiaChiNguoiNop", "HuyenNguoiNop", "TinhNguoiNop", "MaLoaiHinhThuPhat", "TenLoaiHinhThuPhat",
            "MaCoQuanQD", "TenCoQuanQD", "KhoBac", "NgayQD", "SoQD", "ThoiGianViPham", "DiaDiemViPham", "TenNguoiViPham",
            "TaiKhoanThuNSNN", "PhiLePhi", "DSKhoanNop");
    private static final List<String> CHECK_FIELDS = List.of("LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "ThoiGianGD", "MaXacThuc");
    private static final List<String> CONFIRM_SEALED = List.of("LoaiBanTin", "MaLoi", "MaDoiTac", "MaThamChieu", "SoTien",
            "MaTienTe", "MaGiaoDich", "MaNganHang", "ThoiGianGD", "ThongTinGiaoDich");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A transaction as the platform holds it. */
    public record Txn(String reference, long amount, String txTime, String info, String state, String transactionCode,
                      String paidAt, JsonNode init) {
        Txn with(String newState, String code, String at) {
            return new Txn(reference, amount, txTime, info, newState, code, at, init);
        }
    }

    /** A request the platform received: its message kind (or path), headers and body as text, and the answer's code. */
    public record Received(String method, String path, Map<String, String> headers, String body, String result) {
    }

    /** A confirm callback sent to the province and its reply (status -1: not reached). */
    public record Sent(String body, int status, String reply) {
    }

    private final String partnerCode;
    private final String secret;
    private final String token;
    private final WireMockServer server;
    private final Object lock = new Object();
    private final Map<String, Txn> txns = new LinkedHashMap<>();
    private final List<Received> received = new ArrayList<>();
    private final List<Sent> sent = new ArrayList<>();
    private final List<PaymentFault> faults = new ArrayList<>();
    private final List<int[]> remaining = new ArrayList<>();
    private final AtomicLong codes = new AtomicLong(100000);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "payment-simulator-confirm");
        t.setDaemon(true);
        return t;
    });
    private volatile String confirmUrl;

    /** {@code token}: the bearer token every call must carry, or null when the platform asks for none. */
    public PaymentPlatformSimulator(int port, String partnerCode, String secret, String token) {
        this.partnerCode = partnerCode;
        this.secret = secret;
        this.token = token;
        this.server = new WireMockServer(wireMockConfig().bindAddress(SandboxConfiguration.BIND_ADDRESS).port(port)
                .disableRequestJournal().stubRequestLoggingDisabled(true).gzipDisabled(true).containerThreads(40)
                .extensions(new Handler()));
    }

    public PaymentPlatformSimulator start() {
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
        return this;
    }

    public void stop() {
        later.shutdownNow();
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
        return "http://localhost:" + server.port() + BASE_PATH;
    }

    /** Where confirm callbacks go: the province's confirm endpoint. */
    public void confirmTo(String url) {
        this.confirmUrl = url;
    }

    // ---- state ------------------------------------------------------------------------------------------

    public List<Received> received() {
        synchronized (lock) { return List.copyOf(received); }
    }

    public List<Sent> sent() {
        synchronized (lock) { return List.copyOf(sent); }
    }

    public Txn transaction(String reference) {
        synchronized (lock) { return txns.get(reference); }
    }

    public void addFault(PaymentFault f) {
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

    public void reset() {
        synchronized (lock) {
            txns.clear();
            received.clear();
            sent.clear();
            clearFaults();
        }
    }

    /**
     * The citizen pays (or the payment fails): the platform records it and sends the confirm callback, as the switches
     * say. False when the reference is unknown or already final.
     */
    public boolean pay(String reference, boolean success) {
        Txn t;
        synchronized (lock) {
            t = txns.get(reference);
            if (t == null || !t.state().equals("WAITING")) return false;
            t = t.with(success ? "PAID" : "FAILED", "GD" + codes.incrementAndGet(), LocalDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).format(TIME));
            txns.put(reference, t);
        }
        sendConfirm(t, pick(true));
        return true;
    }

    /** Sends the confirm of a final transaction again (what a platform retrying its callback does). */
    public void confirmAgain(String reference) {
        Txn t = transaction(reference);
        if (t != null && !t.state().equals("WAITING")) sendConfirm(t, null);
    }

    /** The confirm callback body of a final transaction, sealed with the platform's secret. */
    public ObjectNode confirmBody(Txn t) {
        ObjectNode c = JSON.createObjectNode();
        c.put("LoaiBanTin", "CONFIRM");
        c.put("MaLoi", t.state().equals("PAID") ? "00" : "01");
        c.put("MaDoiTac", partnerCode);
        c.put("MaThamChieu", t.reference());
        c.put("SoTien", t.amount());
        c.put("MaTienTe", "VND");
        c.put("MaGiaoDich", t.transactionCode());
        c.put("MaNganHang", "VCB");
        c.put("ThoiGianGD", t.paidAt());
        c.put("ThongTinGiaoDich", t.info());
        List<String> values = new ArrayList<>();
        for (String f : CONFIRM_SEALED) values.add(c.get(f).asText());
        c.put("MaXacThuc", seal(values, secret));
        return c;
    }

    private void sendConfirm(Txn t, PaymentFault fault) {
        ObjectNode c = confirmBody(t);
        if (fault != null) {
            switch (fault.mode()) {
                case CONFIRM_LOST -> { return; }
                case WRONG_SEAL -> c.put("MaXacThuc", seal(List.of("forged"), "not-the-secret"));
                case WRONG_AMOUNT -> {
                    c.put("SoTien", t.amount() + 1000);
                    List<String> values = new ArrayList<>();
                    for (String f : CONFIRM_SEALED) values.add(c.get(f).asText());
                    c.put("MaXacThuc", seal(values, secret));
                }
                case CONFIRM_LATE -> {
                    later.schedule(() -> post(c.toString()), fault.delayMillis(), TimeUnit.MILLISECONDS);
                    return;
                }
                default -> { }
            }
        }
        post(c.toString());
        if (fault != null && fault.mode() == PaymentFault.Mode.CONFIRM_REPEATED) {
            post(c.toString());
        }
    }

    private void post(String body) {
        String url = confirmUrl;
        if (url == null) return;
        int status = -1;
        String reply = null;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            status = r.statusCode();
            reply = r.body();
        } catch (IOException e) {
            reply = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            sent.add(new Sent(body, status, reply));
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------

    private final class Handler implements ResponseDefinitionTransformerV2 {
        @Override public String getName() { return "lienthong-payment-platform-simulator"; }
        @Override public boolean applyGlobally() { return true; }
        @Override public ResponseDefinition transform(ServeEvent event) { return handle(event.getRequest()); }
    }

    private ResponseDefinition handle(Request request) {
        String url = request.getUrl();
        if (url.contains("?") || !url.startsWith(BASE_PATH + "/")) return text(404, "Not Found");
        String path = url.substring(BASE_PATH.length());
        String method = request.getMethod().getName();
        byte[] raw = request.getBody() == null ? new byte[0] : request.getBody();
        if (path.startsWith("/__sim/")) return control(method, path.substring("/__sim/".length()), raw);
        if (path.startsWith(PAGE)) return page(method, path.substring(PAGE.length()));
        String kind = switch (path) {
            case INIT -> "INIT";
            case QUERY -> "QUERY";
            case BILL -> "GET_BILL";
            default -> null;
        };
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h : List.of("Content-Type", "Authorization", "Accept")) {
            if (request.containsHeader(h)) headers.put(h, request.getHeader(h));
        }
        String body = new String(raw, UTF_8);
        if (kind == null || !method.equals("POST")) {
            record(method, path, headers, body, "404");
            return text(404, "Not Found");
        }
        PaymentFault fault = pick(false);
        if (fault != null && fault.mode() == PaymentFault.Mode.DOWN) {
            record(method, kind, headers, body, "DOWN");
            return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        }
        ResponseDefinition answer;
        if (fault != null && fault.mode() == PaymentFault.Mode.REJECT) {
            record(method, kind, headers, body, "REJECT");
            return kind.equals("INIT") ? initAnswer("10", "Giao dịch bị từ chối (mô phỏng)") : checkAnswer("10", "Giao dịch bị từ chối (mô phỏng)");
        }
        String problem = headersProblem(request);
        JsonNode b = parse(raw);
        if (problem != null) {
            answer = kind.equals("INIT") ? initAnswer("99", problem) : checkAnswer("99", problem);
        } else if (b == null || !b.isObject()) {
            answer = kind.equals("INIT") ? initAnswer("98", "Dữ liệu không hợp lệ") : checkAnswer("98", "Dữ liệu không hợp lệ");
        } else {
            answer = switch (kind) {
                case "INIT" -> init(b);
                case "QUERY" -> query(b);
                default -> bill(b);
            };
        }
        record(method, kind, headers, body, String.valueOf(answer.getStatus()));
        if (fault != null && fault.mode() == PaymentFault.Mode.SLOW) {
            return ResponseDefinitionBuilder.like(answer).withFixedDelay((int) fault.delayMillis()).build();
        }
        return answer;
    }

    private String headersProblem(Request r) {
        String type = r.getHeader("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/json")) return "Content-Type phải là application/json";
        String auth = r.containsHeader("Authorization") ? r.getHeader("Authorization") : null;
        if (token == null && auth != null) return "Không dùng Authorization";
        if (token != null && !("Bearer " + token).equals(auth)) return "Sai token";
        return null;
    }

    private ResponseDefinition init(JsonNode b) {
        List<String> expected = new ArrayList<>(INIT_FIELDS);
        expected.add("MaXacThuc");
        expected.add("ThongTinBienLai");
        String order = order(b, expected);
        if (order != null) return initAnswer("01", order);
        for (String f : expected.subList(0, expected.size() - 1)) {
            if (!b.get(f).isTextual()) return initAnswer("01", f + " phải là chuỗi");
        }
        if (!b.get("LoaiBanTin").textValue().equals("INIT")) return initAnswer("01", "LoaiBanTin");
        if (!b.get("PhienBan").textValue().equals("1.0.6")) return initAnswer("02", "PhienBan");
        if (!b.get("MaDoiTac").textValue().equals(partnerCode)) return initAnswer("03", "MaDoiTac");
        String ref = b.get("MaThamChieu").textValue();
        if (!ref.matches("[A-Za-z0-9]{1,50}")) return initAnswer("04", "MaThamChieu");
        if (!b.get("SoTien").textValue().matches("[1-9]\\d{0,14}")) return initAnswer("05", "SoTien");
        if (!time(b.get("ThoiGianGD").textValue())) return initAnswer("06", "ThoiGianGD yyyyMMddHHmmss");
        List<String> values = new ArrayList<>();
        for (String f : INIT_FIELDS) values.add(b.get(f).textValue());
        if (!seal(values, secret).equals(b.get("MaXacThuc").textValue())) return initAnswer("07", "Sai mã xác thực");
        JsonNode receipt = b.get("ThongTinBienLai");
        if (!receipt.isObject()) return initAnswer("08", "ThongTinBienLai");
        String ro = order(receipt, RECEIPT_FIELDS);
        if (ro != null) return initAnswer("08", "ThongTinBienLai: " + ro);
        for (String f : RECEIPT_FIELDS.subList(0, RECEIPT_FIELDS.size() - 2)) {
            if (!receipt.get(f).isTextual()) return initAnswer("08", f + " phải là chuỗi");
        }
        long amount = Long.parseLong(b.get("SoTien").textValue());
        if (!items(receipt.get("PhiLePhi"), List.of("LoaiPhiLePhi", "MaPhiLePhi", "TenPhiLePhi", "SoTien"), amount)
                || !items(receipt.get("DSKhoanNop"), List.of("NoiDung", "SoTien"), amount)) {
            return initAnswer("08", "PhiLePhi/DSKhoanNop không khớp SoTien");
        }
        synchronized (lock) {
            if (txns.containsKey(ref)) return initAnswer("09", "MaThamChieu đã tồn tại");
            txns.put(ref, new Txn(ref, amount, b.get("ThoiGianGD").textValue(), b.get("ThongTinGiaoDich").textValue(),
                    "WAITING", null, null, b));
        }
        String message = JSON.createObjectNode().put("UrlThanhToan", baseUrl() + PAGE + ref).toString();
        return json(200, JSON.createObjectNode().put("error_code", "0").put("message", message).toString());
    }

    private static boolean items(JsonNode list, List<String> fields, long amount) {
        if (list == null || !list.isArray() || list.isEmpty()) return false;
        long sum = 0;
        for (JsonNode i : list) {
            if (!i.isObject() || order(i, fields) != null) return false;
            for (String f : fields) if (!i.get(f).isTextual()) return false;
            if (!i.get("SoTien").textValue().matches("\\d{1,15}")) return false;
            sum += Long.parseLong(i.get("SoTien").textValue());
        }
        return sum == amount;
    }

    private ResponseDefinition query(JsonNode b) {
        String bad = check(b, "QUERY");
        if (bad != null) return checkAnswer("01", bad);
        Txn t = transaction(b.get("MaThamChieu").textValue());
        if (t == null) return checkAnswer("04", "Không tìm thấy giao dịch");
        if (!t.txTime().equals(b.get("ThoiGianGD").textValue())) return checkAnswer("06", "ThoiGianGD không khớp");
        ObjectNode a = JSON.createObjectNode();
        a.put("LoaiBanTin", "QUERY");
        a.put("MaLoi", "00");
        a.put("MoTaLoi", "");
        a.put("MaDoiTac", partnerCode);
        a.put("MaThamChieu", t.reference());
        a.put("SoTien", t.amount());
        a.put("MaTienTe", "VND");
        a.put("MaGiaoDich", t.transactionCode());
        a.put("MaNganHang", t.transactionCode() == null ? null : "VCB");
        a.put("ThoiGianGD", t.paidAt() == null ? t.txTime() : t.paidAt());
        a.put("ThongTinGiaoDich", t.info());
        a.put("TrangThaiGD", switch (t.state()) {
            case "PAID" -> "1";
            case "FAILED" -> "4";
            default -> "3";
        });
        a.put("MaXacThuc", "");
        return json(200, a.toString());
    }

    private ResponseDefinition bill(JsonNode b) {
        String bad = check(b, "GET_BILL");
        if (bad != null) return checkAnswer("01", bad);
        Txn t = transaction(b.get("MaThamChieu").textValue());
        if (t == null || !t.txTime().equals(b.get("ThoiGianGD").textValue()) || !t.state().equals("PAID")) {
            return aResponse().withStatus(200).withHeader("Content-Type", "application/pdf").withBody(new byte[0]).build();
        }
        return aResponse().withStatus(200).withHeader("Content-Type", "application/pdf").withBody(receiptPdf(t)).build();
    }

    /** A small PDF naming the transaction: enough for a client to store and serve. */
    public static byte[] receiptPdf(Txn t) {
        return ("%PDF-1.4\n% BIEN LAI " + t.reference() + " " + t.amount() + " VND " + t.transactionCode() + "\n%%EOF\n").getBytes(UTF_8);
    }

    private String check(JsonNode b, String kind) {
        String order = order(b, CHECK_FIELDS);
        if (order != null) return order;
        for (String f : CHECK_FIELDS) if (!b.get(f).isTextual()) return f + " phải là chuỗi";
        if (!b.get("LoaiBanTin").textValue().equals(kind)) return "LoaiBanTin";
        if (!b.get("PhienBan").textValue().equals("1.0.6")) return "PhienBan";
        if (!b.get("MaDoiTac").textValue().equals(partnerCode)) return "MaDoiTac";
        List<String> values = new ArrayList<>();
        for (String f : CHECK_FIELDS.subList(0, 5)) values.add(b.get(f).textValue());
        if (!seal(values, secret).equals(b.get("MaXacThuc").textValue())) return "Sai mã xác thực";
        return null;
    }

    /** Null when the object's fields are exactly these, in this order; else what is wrong. */
    private static String order(JsonNode o, List<String> fields) {
        List<String> got = new ArrayList<>();
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) got.add(it.next());
        return got.equals(fields) ? null : "trường sai hoặc sai thứ tự: " + got;
    }

    private static boolean time(String s) {
        if (!s.matches("\\d{14}")) return false;
        try {
            LocalDateTime.parse(s, TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private ResponseDefinition page(String method, String ref) {
        Txn t = transaction(ref);
        if (t == null) return text(404, "Không tìm thấy giao dịch");
        if (method.equals("GET")) {
            String html = "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Thanh toán</title><body>"
                    + "<h1>Nền tảng thanh toán (mô phỏng)</h1><p>Giao dịch " + ref + ": " + t.amount() + " VND — " + t.state() + "</p>"
                    + "<form method=\"post\"><button name=\"r\" value=\"paid\">Thanh toán</button></form></body></html>";
            return aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8").withBody(html.getBytes(UTF_8)).build();
        }
        if (method.equals("POST")) {
            boolean done = pay(ref, true);
            return text(done ? 200 : 409, done ? "Đã thanh toán " + ref : "Giao dịch đã kết thúc");
        }
        return text(405, "Method Not Allowed");
    }

    private PaymentFault pick(boolean confirm) {
        synchronized (lock) {
            for (int i = 0; i < faults.size(); i++) {
                PaymentFault f = faults.get(i);
                if (remaining.get(i)[0] == 0 || f.mode().ofConfirm() != confirm) continue;
                if (remaining.get(i)[0] > 0) remaining.get(i)[0]--;
                return f;
            }
            return null;
        }
    }

    private void record(String method, String path, Map<String, String> headers, String body, String result) {
        synchronized (lock) {
            received.add(new Received(method, path, Map.copyOf(headers), body, result));
        }
    }

    private ResponseDefinition control(String method, String route, byte[] raw) {
        JsonNode b = parse(raw);
        switch (method + " " + route) {
            case "GET state" -> {
                synchronized (lock) {
                    ObjectNode s = JSON.createObjectNode().put("received", received.size()).put("confirmsSent", sent.size());
                    ArrayNode list = s.putArray("transactions");
                    for (Txn t : txns.values()) {
                        list.addObject().put("reference", t.reference()).put("amount", t.amount()).put("state", t.state())
                                .put("transactionCode", t.transactionCode());
                    }
                    ArrayNode f = s.putArray("faults");
                    for (int i = 0; i < faults.size(); i++) f.add(JSON.<ObjectNode>valueToTree(faults.get(i)).put("remaining", remaining.get(i)[0]));
                    return json(200, s.toString());
                }
            }
            case "POST faults" -> {
                try {
                    PaymentFault f = new PaymentFault(PaymentFault.Mode.valueOf(b.path("mode").asText("").toUpperCase()),
                            b.path("times").asInt(-1), b.path("delayMillis").asLong(2000));
                    addFault(f);
                    return json(201, JSON.valueToTree(f).toString());
                } catch (RuntimeException e) {
                    return text(400, "fault: mode DOWN, SLOW, REJECT, CONFIRM_LOST, CONFIRM_REPEATED, CONFIRM_LATE, WRONG_SEAL, WRONG_AMOUNT; times; delayMillis");
                }
            }
            case "DELETE faults" -> {
                clearFaults();
                return aResponse().withStatus(204).build();
            }
            case "POST reset" -> {
                reset();
                return aResponse().withStatus(204).build();
            }
            default -> { }
        }
        if (method.equals("POST") && route.startsWith("pay/")) {
            boolean success = b == null || !"FAILED".equalsIgnoreCase(b.path("result").asText("PAID"));
            return pay(route.substring(4), success) ? aResponse().withStatus(204).build() : text(409, "unknown or already final");
        }
        if (method.equals("POST") && route.startsWith("confirm/")) {
            confirmAgain(route.substring(8));
            return aResponse().withStatus(204).build();
        }
        return text(404, "Not Found");
    }

    static String seal(List<String> values, String secret) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((String.join("|", values) + "|" + secret).getBytes(UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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

    private static ResponseDefinition initAnswer(String code, String message) {
        return json(200, JSON.createObjectNode().put("error_code", code).put("message", message).toString());
    }

    private static ResponseDefinition checkAnswer(String code, String message) {
        return json(200, JSON.createObjectNode().put("MaLoi", code).put("MoTaLoi", message).toString());
    }

    private static ResponseDefinition json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body.getBytes(UTF_8)).build();
    }

    private static ResponseDefinition text(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/plain; charset=utf-8").withBody(body.getBytes(UTF_8)).build();
    }
}
