package vn.lienthong.gateway.hostile;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import vn.lienthong.gateway.identifiers.Identifiers;

/**
 * Generators of requests that must all be refused: each breaks at least one rule of its endpoint (credentials,
 * headers, path values, the body's bytes, its JSON, or one field of an otherwise valid body). Some carry real
 * personal IDs and names of the sandbox's records in their fields, which no answer and no log line may repeat.
 */
final class HostileRequests {
    static final List<String> PERSONAL_IDS = List.of("049085754323", "049192757491");
    static final List<String> NAMES = List.of("Nguyễn Văn An", "Trần Thị Bích Ngọc");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PROVINCES = Set.of("001", "048", "049", "079");

    private final Credentials credentials;

    /** The keys and the callback secret of the gateway under attack. */
    record Credentials(String oneStop, String lookups, String admin, String callbackSecret) {
    }

    HostileRequests(Credentials credentials) {
        this.credentials = credentials;
    }

    Arbitrary<HostileRequest> any() {
        List<Arbitrary<HostileRequest>> perEndpoint = new ArrayList<>();
        for (HostileEndpoints.Endpoint e : HostileEndpoints.ALL) {
            perEndpoint.add(against(e));
        }
        return Arbitraries.oneOf(perEndpoint);
    }

    private Arbitrary<HostileRequest> against(HostileEndpoints.Endpoint e) {
        List<Arbitrary<HostileRequest>> attacks = new ArrayList<>();
        attacks.add(wrongCaller(e));
        if (e.pathTemplate().contains("{") || e.query() != null) {
            attacks.add(brokenPath(e));
        }
        if (e.body() != HostileEndpoints.Body.NONE) {
            attacks.add(brokenBytes(e));
            attacks.add(brokenField(e));
        }
        if (e.caller() == HostileEndpoints.Caller.LOOKUPS && e.pathTemplate().startsWith("/api/v1/citizens")) {
            attacks.add(brokenLookupHeaders(e));
        }
        return Arbitraries.oneOf(attacks);
    }

    // ---- requests ----------------------------------------------------------------------------------------------

    private HostileRequest request(HostileEndpoints.Endpoint e, String attack, Map<String, String> values, byte[] body) {
        String path = e.pathTemplate();
        for (Map.Entry<String, String> v : values.entrySet()) {
            path = path.replace("{" + v.getKey() + "}", encode(v.getValue()));
        }
        path = path.replaceAll("\\{personalId}", "04919275749").replaceAll("\\{dossierCode}", "H47-1")
                .replaceAll("\\{enterpriseCode}", "12").replaceAll("\\{destination}", "no-such-destination")
                .replaceAll("\\{id}", "0").replaceAll("\\{code}", "9.999999").replaceAll("\\{fileId}", "0").replaceAll("\\{portalCode}", "G22.99.10-261124-0001");
        if (e.query() != null) {
            path += "?" + e.query() + "=" + encode(values.getOrDefault(e.query(), "04919275749"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        switch (e.caller()) {
            case ONE_STOP -> headers.put("X-API-Key", credentials.oneStop());
            case LOOKUPS -> {
                headers.put("X-API-Key", credentials.lookups());
                headers.put("X-Officer-Id", "cb-07");
                headers.put("X-Purpose", "CIVIL_STATUS");
            }
            case ADMIN -> headers.put("X-API-Key", credentials.admin());
            case PORTAL_SIGNATURE -> headers.put("X-Portal-Message-Id", "hostile-" + UUID.randomUUID());
        }
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return new HostileRequest(attack, e.method(), path, headers, body, e.caller() == HostileEndpoints.Caller.PORTAL_SIGNATURE);
    }

    /** Percent-encodes everything but unreserved characters, so any generated value makes a valid URI. */
    static String encode(String value) {
        StringBuilder b = new StringBuilder();
        for (byte x : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xFF);
            if (c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                b.append(c);
            } else {
                b.append('%').append(String.format("%02X", x & 0xFF));
            }
        }
        return b.toString();
    }

    // ---- attacks ----------------------------------------------------------------------------------------------

    /** No credential, a wrong one, one without the scope; for callbacks a missing, wrong or stale signature. */
    private Arbitrary<HostileRequest> wrongCaller(HostileEndpoints.Endpoint e) {
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.just((String) null), Arbitraries.strings().ofMinLength(1).ofMaxLength(80)
                        .alpha().numeric().withChars("-_"),
                Arbitraries.of(credentials.oneStop(), credentials.lookups(), credentials.admin())
                        .filter(k -> !k.equals(rightKey(e))));
        if (e.caller() == HostileEndpoints.Caller.PORTAL_SIGNATURE) {
            return Combinators.combine(validBody(e), Arbitraries.of("none", "wrong", "stale", "future", "garbage-ts"))
                    .as((body, how) -> request(e, "unsigned callback (" + how + ")", Map.of(), body)
                            .withHeader("X-Portal-Signature", how.equals("none") ? null : "0".repeat(64))
                            .withHeader("X-Portal-Timestamp", switch (how) {
                                case "stale" -> Long.toString(System.currentTimeMillis() / 1000 - 3600);
                                case "future" -> Long.toString(System.currentTimeMillis() / 1000 + 3600);
                                case "garbage-ts" -> "yesterday";
                                default -> Long.toString(System.currentTimeMillis() / 1000);
                            }))
                    .map(r -> new HostileRequest(r.attack(), r.method(), r.path(), r.headers(), r.body(), false));
        }
        return Combinators.combine(validBody(e), key).as((body, k) -> request(e, "caller without the right key", validValues(e), body)
                .withHeader("X-API-Key", k));
    }

    private String rightKey(HostileEndpoints.Endpoint e) {
        return switch (e.caller()) {
            case ONE_STOP -> credentials.oneStop();
            case LOOKUPS -> credentials.lookups();
            case ADMIN -> credentials.admin();
            case PORTAL_SIGNATURE -> "";
        };
    }

    /** Path and query values that break their identifier's rule. */
    private Arbitrary<HostileRequest> brokenPath(HostileEndpoints.Endpoint e) {
        return Combinators.combine(brokenIdentifier(), validBody(e)).as((bad, body) -> {
            Map<String, String> values = new LinkedHashMap<>(validValues(e));
            for (String name : List.of("personalId", "dossierCode", "enterpriseCode", "destination", "id", "code", "fileId", "portalCode")) {
                if (e.pathTemplate().contains("{" + name + "}") || name.equals(e.query())) {
                    values.put(name, name.equals("destination") ? "x" + bad : bad);
                }
            }
            return request(e, "broken path value", values, body);
        });
    }

    /** The body's bytes: not JSON, not UTF-8, too deep, a number too long, a key twice, cut short, empty, too large. */
    private Arbitrary<HostileRequest> brokenBytes(HostileEndpoints.Endpoint e) {
        return Combinators.combine(validBody(e), Arbitraries.integers().between(0, 9), Arbitraries.integers().between(1, 1_000_000))
                .as((body, kind, n) -> {
                    String text = new String(body, StandardCharsets.UTF_8);
                    byte[] broken = switch (kind) {
                        case 0 -> randomBytes(n);
                        case 1 -> withInvalidUtf8(body, n);
                        case 2 -> ("{\"x\":" + "[".repeat(33 + n % 3000) + "]".repeat(33 + n % 3000) + "}").getBytes(StandardCharsets.UTF_8);
                        case 3 -> text.replaceFirst("\\{", "{\"n\":" + "9".repeat(101 + n % 3000) + ",").getBytes(StandardCharsets.UTF_8);
                        case 4 -> duplicateKey(text).getBytes(StandardCharsets.UTF_8);
                        case 5 -> text.substring(0, 1 + n % (text.length() - 1)).getBytes(StandardCharsets.UTF_8);
                        case 6 -> new byte[0];
                        case 7 -> List.of("[]", "1", "\"x\"", "null", "true", "[{}]", "{}").get(n % 7).getBytes(StandardCharsets.UTF_8);
                        case 8 -> oversized(e, text);
                        default -> e.body() == HostileEndpoints.Body.CALLBACK ? randomBytes(n) : body;
                    };
                    HostileRequest r = request(e, "broken body bytes (" + kind + ")", validValues(e), broken);
                    return kind == 9 && e.body() != HostileEndpoints.Body.CALLBACK ? r.withHeader("Content-Type", List.of("text/plain", "application/xml",
                            "application/x-www-form-urlencoded").get(n % 3)).withAttack("wrong content type") : r;
                });
    }

    private static byte[] randomBytes(int seed) {
        java.util.Random random = new java.util.Random(seed);
        byte[] b = new byte[1 + random.nextInt(400)];
        random.nextBytes(b);
        return b;
    }

    private static byte[] withInvalidUtf8(byte[] body, int n) {
        String text = new String(body, StandardCharsets.UTF_8);
        int quote = text.indexOf("\":\"");
        byte[] prefix = text.substring(0, quote + 3).getBytes(StandardCharsets.UTF_8);
        byte[] suffix = text.substring(quote + 3).getBytes(StandardCharsets.UTF_8);
        byte[][] invalid = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
        byte[] bad = invalid[n % invalid.length];
        byte[] out = new byte[prefix.length + bad.length + suffix.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(bad, 0, out, prefix.length, bad.length);
        System.arraycopy(suffix, 0, out, prefix.length + bad.length, suffix.length);
        return out;
    }

    private static String duplicateKey(String text) {
        int colon = text.indexOf("\":");
        String key = text.substring(text.indexOf('"'), colon + 1);
        return "{" + key + ":\"second\"," + text.substring(1);
    }

    private static byte[] oversized(HostileEndpoints.Endpoint e, String text) {
        int limit = switch (e.pathTemplate()) {
            case "/api/v1/dossier-events", "/api/v1/portal/callbacks" -> 256 * 1024;
            case "/api/v1/dossier-events/batch" -> 2 * 1024 * 1024;
            case "/api/v1/citizens/verify" -> 16 * 1024;
            case "/api/v1/civil-status/statuses" -> 8 * 1024 * 1024;
            case "/api/v1/portal/dossiers" -> 1024 * 1024;
            default -> 64 * 1024;
        };
        return (text.substring(0, text.length() - 1) + ",\"pad\":\"" + "x".repeat(limit) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A well-formed body with one field that breaks its rule. */
    private Arbitrary<HostileRequest> brokenField(HostileEndpoints.Endpoint e) {
        return switch (e.body()) {
            case DOSSIER_EVENT -> Combinators.combine(dossierEventMutation(), Arbitraries.of(PERSONAL_IDS), Arbitraries.of(NAMES))
                    .as((m, id, name) -> {
                        ObjectNode ev = dossierEvent();
                        ev.putObject("applicant").put("type", "CITIZEN").put("name", name).put("personalId", id);
                        m.accept(ev);
                        return request(e, "broken dossier event field", Map.of(), bytes(ev));
                    });
            case DOSSIER_BATCH -> Arbitraries.of("missing", "object", "empty", "too many", "string")
                    .map(how -> {
                        String body = switch (how) {
                            case "missing" -> "{\"evts\":[" + dossierEvent() + "]}";
                            case "object" -> "{\"events\":" + dossierEvent() + "}";
                            case "empty" -> "{\"events\":[]}";
                            case "too many" -> "{\"events\":[" + String.join(",", java.util.Collections.nCopies(501, "{}")) + "]}";
                            default -> "{\"events\":\"" + NAMES.get(0) + "\"}";
                        };
                        return request(e, "broken batch (" + how + ")", Map.of(), body.getBytes(StandardCharsets.UTF_8));
                    });
            case VERIFY -> Combinators.combine(Arbitraries.of(PERSONAL_IDS), Arbitraries.of(NAMES), brokenIdentifier(),
                            Arbitraries.integers().between(0, 4))
                    .as((id, name, bad, how) -> {
                        ObjectNode v = JSON.createObjectNode().put("personalId", id).put("name", name).put("birthDate", "1985-03-12");
                        switch (how) {
                            case 0 -> v.put("personalId", bad.length() == 12 && bad.chars().allMatch(Character::isDigit) ? bad + "0" : bad);
                            case 1 -> v.put("birthDate", "12/03/1985");
                            case 2 -> v.remove("name");
                            case 3 -> v.put("birthDate", "2999-01-01");
                            default -> v.put("personalId", 49085754323L);
                        }
                        return request(e, "broken verify field (" + how + ")", Map.of(), bytes(v));
                    });
            case CALLBACK -> Combinators.combine(callbackMutation(), Arbitraries.of(PERSONAL_IDS), Arbitraries.of(NAMES))
                    .as((m, id, name) -> {
                        ObjectNode c = newDossierCallback(id, name);
                        m.accept(c);
                        return request(e, "broken callback field", Map.of(), bytes(c));
                    });
            case STATUS_REPORT -> Arbitraries.integers().between(0, 6).map(how -> {
                ObjectNode r = statusReport();
                switch (how) {
                    case 0 -> r.remove("eventId");
                    case 1 -> r.put("eventId", "bad id with spaces");
                    case 2 -> r.put("occurredAt", "24/11/2026 09:15:00");
                    case 3 -> r.put("status", "DONE");
                    case 4 -> r.putObject("result").put("registrationNumber", "1").put("certificate", "@@@");
                    case 5 -> r.put("portalCode", "../../etc");
                    default -> r.put("status", "RECEIVED");
                }
                return request(e, "broken status report (" + how + ")", Map.of(), bytes(r));
            });
            case PORTAL_DOSSIER -> Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.of(NAMES)).as((how, name) -> {
                ObjectNode d = pushedDossier(name);
                switch (how) {
                    case 0 -> d.put("TepDonDangKy", "%%% not base64 %%%");
                    case 1 -> d.remove("MaHoSo");
                    case 2 -> d.put("MaSoThue", "0100109107");
                    case 3 -> d.putArray("TaiLieuNop").add("x");
                    case 4 -> d.put("MaHoSo", "a b/c");
                    default -> d.withArray("TaiLieuNop").addObject().put("TenTepDinhKem", "x.pdf").put("Base64", "=@=");
                }
                return request(e, "broken pushed dossier (" + how + ")", Map.of(), bytes(d));
            });
            case NONE -> throw new IllegalStateException("no body");
        };
    }

    /**
     * Lookup headers that break their rule: no officer, a long one, no purpose, an unknown one, a sensitive one without
     * a dossier (for the record lookup; verification reveals no field), a malformed dossier code.
     */
    private Arbitrary<HostileRequest> brokenLookupHeaders(HostileEndpoints.Endpoint e) {
        boolean verify = e.body() == HostileEndpoints.Body.VERIFY;
        return Combinators.combine(validBody(e), Arbitraries.integers().between(0, 5).filter(h -> !verify || h != 4), Arbitraries.strings().ofMinLength(1).ofMaxLength(40)
                .alpha().numeric().withChars("-_. ")).as((body, how, s) -> {
                    HostileRequest r = request(e, "broken lookup header (" + how + ")", validValues(e), body);
                    return switch (how) {
                        case 0 -> r.withHeader("X-Officer-Id", null);
                        case 1 -> r.withHeader("X-Officer-Id", "o".repeat(101) + s);
                        case 2 -> r.withHeader("X-Purpose", null);
                        case 3 -> r.withHeader("X-Purpose", "NOT_" + s.toUpperCase().replaceAll("[^A-Z]", "X"));
                        case 4 -> r.withHeader("X-Purpose", "ETHNICITY_RECORD");
                        default -> r.withHeader("X-Dossier-Code", "HS-" + s.replace(' ', '_'));
                    };
                });
    }

    // ---- values ----------------------------------------------------------------------------------------------

    /** Values that are not a valid identifier of any kind the gateway takes (and not a known destination). */
    static Arbitrary<String> brokenIdentifier() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(40)
                .filter(s -> s.length() != 12 && s.length() != 10 && s.length() != 14);
        Arbitrary<String> badProvince = Arbitraries.strings().numeric().ofLength(9).map(s -> "999" + s);
        Arbitrary<String> junk = Arbitraries.strings().ofMinLength(1).ofMaxLength(60).withCharRange(' ', '~').withChars("ắờ\u0000\r\n/\\%");
        Arbitrary<String> nearly = Arbitraries.of(PERSONAL_IDS).map(id -> id + "/");
        return Arbitraries.oneOf(digits, badProvince, junk, nearly).filter(HostileRequests::brokenEverywhere);
    }

    private static boolean brokenEverywhere(String s) {
        return !s.isEmpty() && !s.equals(".") && !s.equals("..")
                && Identifiers.dossierCode(s) != null && Identifiers.enterpriseCode(s) != null
                && !(s.matches("\\d{12}") && PROVINCES.contains(s.substring(0, 3)))
                && !s.matches("\\d{1,18}");
    }

    private Map<String, String> validValues(HostileEndpoints.Endpoint e) {
        return Map.of("personalId", PERSONAL_IDS.get(0), "dossierCode", "000.00.12.H47-261124-0001",
                "enterpriseCode", "0100109106", "destination", "national-portal", "id", "1",
                "fileId", UUID.randomUUID().toString(), "portalCode", "G22.99.10-261124-0001");
    }

    private Arbitrary<byte[]> validBody(HostileEndpoints.Endpoint e) {
        return Arbitraries.just(switch (e.body()) {
            case NONE -> null;
            case DOSSIER_EVENT -> bytes(dossierEvent());
            case DOSSIER_BATCH -> ("{\"events\":[" + dossierEvent() + "]}").getBytes(StandardCharsets.UTF_8);
            case VERIFY -> bytes(JSON.createObjectNode().put("personalId", PERSONAL_IDS.get(0)).put("name", NAMES.get(0))
                    .put("birthDate", "1985-03-12"));
            case CALLBACK -> bytes(newDossierCallback(PERSONAL_IDS.get(0), NAMES.get(0)));
            case STATUS_REPORT -> bytes(statusReport());
            case PORTAL_DOSSIER -> bytes(pushedDossier(NAMES.get(0)));
        });
    }

    /** A progress report on a dossier the gateway does not hold (refused 422 even unbroken: nothing is ever stored). */
    static ObjectNode statusReport() {
        return JSON.createObjectNode().put("eventId", "hostile-" + UUID.randomUUID()).put("portalCode", "G22.99.10-261124-0001")
                .put("oneStopCode", "000.00.12.H47-261124-0001").put("status", "ACCEPTED").put("occurredAt", "2026-11-24T09:15:00+07:00");
    }

    /** A pushed dossier of a procedure mappings/ do not know (refused even unbroken), with an inline file. */
    static ObjectNode pushedDossier(String name) {
        ObjectNode d = JSON.createObjectNode().put("MaHoSo", "G22.99.40-261124-0001").put("MaTTHC", "9.999999")
                .put("MaSoThue", "0100109106").put("TenThuongNhan", name).put("TenTepDonDangKy", "don.pdf")
                .put("TepDonDangKy", java.util.Base64.getEncoder().encodeToString("%PDF-1.4 hostile".getBytes(StandardCharsets.UTF_8)));
        d.putArray("TaiLieuNop").addObject().put("TenTepDinhKem", "phu-luc.pdf").put("Base64", "JVBERi0xLjQ=");
        return d;
    }

    static ObjectNode dossierEvent() {
        return JSON.createObjectNode().put("eventId", "hostile-" + UUID.randomUUID()).put("dossierCode", "000.00.12.H47-261124-0001")
                .put("procedureCode", "1.001612").put("agencyCode", "000.00.12.H47").put("status", "RECEIVED")
                .put("occurredAt", "2026-11-24T09:15:00+07:00");
    }

    private static ObjectNode newDossierCallback(String id, String name) {
        ObjectNode c = JSON.createObjectNode().put("LoaiThongBao", "HOSO_MOI");
        ObjectNode d = c.putObject("DuLieu").put("MaHoSoQG", "000.00.12.H47-261124-0001").put("MaTTHC", "1.001612")
                .put("MaCoQuan", "000.00.12.H47").put("NgayNop", "20261124091500");
        d.putObject("ChuHoSo").put("LoaiDoiTuong", 1).put("HoTen", name).put("SoDinhDanh", id);
        return c;
    }

    private static Arbitrary<java.util.function.Consumer<ObjectNode>> dossierEventMutation() {
        Arbitrary<String> text = Arbitraries.strings().ofMinLength(0).ofMaxLength(30).withCharRange(' ', '~').withChars("ắ\r\n");
        return Arbitraries.oneOf(
                text.map(s -> ev -> ev.put("eventId", s + " /")),
                Arbitraries.just(ev -> ev.put("eventId", "e".repeat(101))),
                brokenIdentifier().map(s -> ev -> ev.put("dossierCode", s)),
                text.filter(s -> !s.matches("\\d\\.\\d{6}.*")).map(s -> ev -> ev.put("procedureCode", "x" + s)),
                text.map(s -> ev -> ev.put("status", "NOT_A_STATUS_" + s.replaceAll("[^A-Za-z]", ""))),
                text.filter(HostileRequests::notDateTime).map(s -> ev -> ev.put("occurredAt", s)),
                Arbitraries.just(ev -> ev.remove("occurredAt")),
                Arbitraries.just(ev -> ev.put("status", 7)),
                Arbitraries.just(ev -> ev.putObject("dossierCode")),
                Arbitraries.just(ev -> ev.put("summary", "s".repeat(2001))),
                text.map(s -> ev -> ev.put("field\r\nERROR forged " + s, "x")),
                brokenIdentifier().map(s -> ev -> ((ObjectNode) ev.get("applicant")).put("personalId", s)),
                Arbitraries.just(ev -> ((ObjectNode) ev.get("applicant")).put("personalId", "049985754323")),
                Arbitraries.just(ev -> ((ObjectNode) ev.get("applicant")).put("email", "not an address")),
                Arbitraries.just(ev -> ev.putArray("documents").addObject().put("name", "d").put("url", "file:///etc/passwd")));
    }

    private static boolean notDateTime(String s) {
        try {
            OffsetDateTime.parse(s);
            return false;
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    private static Arbitrary<java.util.function.Consumer<ObjectNode>> callbackMutation() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMaxLength(20).map(s -> c -> c.put("LoaiThongBao", "X_" + s)),
                Arbitraries.just(c -> c.put("DuLieu", "text")),
                brokenIdentifier().map(s -> c -> ((ObjectNode) c.get("DuLieu")).put("MaHoSoQG", s)),
                brokenIdentifier().map(s -> c -> ((ObjectNode) c.get("DuLieu").get("ChuHoSo")).put("SoDinhDanh", s)),
                Arbitraries.just(c -> ((ObjectNode) c.get("DuLieu").get("ChuHoSo")).put("LoaiDoiTuong", 9)),
                Arbitraries.just(c -> ((ObjectNode) c.get("DuLieu")).put("NgayNop", "2026-11-24")),
                Arbitraries.just(c -> ((ObjectNode) c.get("DuLieu")).putArray("TaiLieuNop").addObject()
                        .put("TenTepDinhKem", "a").put("DuongDanTaiTepTin", "ftp://x")),
                Arbitraries.of("18446744073709551619", "0", "6", "-1", "4294967301", "1e400").map(v -> c -> {
                    c.put("LoaiThongBao", "DANH_GIA");
                    ObjectNode d = c.putObject("DuLieu").put("MaHoSo", "000.00.12.H47-261124-0001");
                    d.set("DiemDanhGia", parse(v));
                }),
                // a digit string is a valid amount (portal-callbacks-protocol.yaml: integers as numbers or digit strings)
                Arbitraries.of("-5", "0", "\"150.000\"", "99999999999999999999999").map(v -> c -> {
                    c.put("LoaiThongBao", "THANH_TOAN");
                    ObjectNode d = c.putObject("DuLieu").put("MaHoSo", "000.00.12.H47-261124-0001").put("MaThamChieu", "T")
                            .put("MaGiaoDich", "G").put("TrangThai", "THANH_CONG").put("ThoiDiem", "20261125094500")
                            .put("MaKenhThanhToan", "K");
                    d.set("SoTien", parse(v));
                }));
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String v) {
        try {
            return JSON.readTree(v);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(Object json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
