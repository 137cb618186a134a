package vn.lienthong.gateway.national.population;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.national.guard.NationalGuard;
import vn.lienthong.gateway.national.population.soap.CongDan;
import vn.lienthong.gateway.national.population.soap.LoiTraCuu_Exception;
import vn.lienthong.gateway.national.population.soap.NgayThangNamSinh;
import vn.lienthong.gateway.national.population.soap.TraCuuThongTinCongDanResponse;
import vn.lienthong.gateway.national.population.soap.XacThucThongTinCongDanResponse;
import vn.lienthong.gateway.national.population.soap.YeuCau;

/**
 * Client of the National Population Database: builds the request, sends it through the route
 * {@code population-db} (routes/citizen-lookup.camel.yaml, node {@code call-population-db}, Camel CXF with
 * the classes generated from population-db.wsdl) within the system's {@link NationalGuard}, and turns
 * SOAP faults into {@link NationalFailure}s by their MaLoi (mappings/population-db-faults.yaml). A
 * transient fault (DC429, DC503) is tried once more, then answered 503.
 */
public class PopulationDbClient {
    public static final String SYSTEM = "population-db";
    public static final String ENDPOINT = "direct:population-db.call";
    private static final Logger log = LoggerFactory.getLogger(PopulationDbClient.class);

    private final ProducerTemplate producer;
    private final NationalGuard guard;
    private final PopulationProperties cfg;
    private final Supplier<Map<String, String>> faultOutcomes;

    public PopulationDbClient(ProducerTemplate producer, NationalGuard guard, PopulationProperties cfg,
                              Supplier<Map<String, String>> faultOutcomes) {
        this.producer = producer;
        this.guard = guard;
        this.cfg = cfg;
        this.faultOutcomes = faultOutcomes;
    }

    /** The citizen's record (TraCuuThongTinCongDan); a citizen the database does not know is NOT_FOUND. */
    public CongDan lookup(String personalId, String officerId) {
        YeuCau req = request(personalId, officerId);
        TraCuuThongTinCongDanResponse answer = withOneRetry(() -> send("TraCuuThongTinCongDan", req, TraCuuThongTinCongDanResponse.class));
        List<CongDan> found = answer.getCongdanCollection() == null ? List.of() : answer.getCongdanCollection().getCongDan();
        if (found.isEmpty()) {
            throw new NationalFailure(SYSTEM, NationalFailure.Kind.NOT_FOUND, null, "empty CongdanCollection");
        }
        return found.get(0);
    }

    /** Whether ID, name and birth date (yyyyMMdd, or yyyy) belong together (XacThucThongTinCongDan). */
    public boolean verify(String personalId, String officerId, String name, String birthDate) {
        YeuCau req = request(personalId, officerId);
        req.setHoVaTen(NameNormalizer.normalize(name));
        NgayThangNamSinh born = new NgayThangNamSinh();
        if (birthDate.length() == 4) {
            born.setNam(birthDate);
        } else {
            born.setNgayThangNam(birthDate);
        }
        req.setNgayThangNamSinh(born);
        return withOneRetry(() -> send("XacThucThongTinCongDan", req, XacThucThongTinCongDanResponse.class)).isTonTai();
    }

    private YeuCau request(String personalId, String officerId) {
        YeuCau req = new YeuCau();
        req.setMaYeuCau(UUID.randomUUID().toString());
        req.setMaDVC(cfg.getConsumerCode());
        req.setMaTichHop(cfg.getIntegrationCode());
        req.setMaCanBo(officerId);
        req.setMaDonVi(cfg.getAgencyCode());
        req.setSoDinhDanh(personalId);
        return req;
    }

    private <T> T withOneRetry(Supplier<T> call) {
        try {
            return guard.call(call);
        } catch (NationalFailure f) {
            if (!"TRANSIENT".equals(outcomeOf(f.code()))) {
                throw f;
            }
            log.warn("{}: fault {}, trying once more in {}", SYSTEM, f.code(), cfg.getRetryDelay());
            sleep(cfg.getRetryDelay().toMillis());
            try {
                return guard.call(call);
            } catch (NationalFailure again) {
                if ("TRANSIENT".equals(outcomeOf(again.code()))) {
                    throw new NationalFailure(SYSTEM, NationalFailure.Kind.UNAVAILABLE, again.code(),
                            "DC429".equals(again.code()) ? 10 : 5, "busy after one retry", again);
                }
                throw again;
            }
        }
    }

    private <T> T send(String operation, YeuCau req, Class<T> type) {
        Exchange ex = producer.send(ENDPOINT, e -> {
            e.getIn().setHeader(CxfConstants.OPERATION_NAME, operation);
            e.getIn().setBody(req);
        });
        if (ex.getException() != null) {
            throw fault(ex.getException());
        }
        T answer = ex.getMessage().getBody(type);
        if (answer == null) {
            throw new NationalFailure(SYSTEM, NationalFailure.Kind.BAD_ANSWER, null, "no " + type.getSimpleName());
        }
        return answer;
    }

    private RuntimeException fault(Exception e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof LoiTraCuu_Exception loi) {
                String code = loi.getFaultInfo() == null ? null : loi.getFaultInfo().getMaLoi();
                return failureFor(code);
            }
        }
        return e instanceof RuntimeException r && !(e instanceof CamelExecutionException) ? r : new RuntimeException(e);
    }

    private NationalFailure failureFor(String code) {
        String outcome = outcomeOf(code);
        if (outcome == null) {
            return new NationalFailure(SYSTEM, NationalFailure.Kind.BAD_ANSWER, code, "fault code not in mappings/population-db-faults.yaml");
        }
        return switch (outcome) {
            case "NOT_FOUND" -> new NationalFailure(SYSTEM, NationalFailure.Kind.NOT_FOUND, code, null);
            case "INVALID" -> new NationalFailure(SYSTEM, NationalFailure.Kind.INVALID, code, "the database refused the request");
            case "UNAUTHORISED" -> {
                log.error("ALARM {}: fault {}: the database refuses our credentials or rights; every lookup fails until fixed", SYSTEM, code);
                yield new NationalFailure(SYSTEM, NationalFailure.Kind.UNAUTHORISED, code, "not authorised");
            }
            default -> new NationalFailure(SYSTEM, NationalFailure.Kind.UNAVAILABLE, code, 5, "busy", null);
        };
    }

    private String outcomeOf(String code) {
        return code == null ? null : faultOutcomes.get().get(code);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
