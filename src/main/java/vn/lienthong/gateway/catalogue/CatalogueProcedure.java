package vn.lienthong.gateway.catalogue;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One procedure of the local catalogue copy, as the record builder and validators read it: the names the
 * portal wants beside the code, the component codes a dossier's documents carry (THANHPHANHOSO), the result
 * codes it issues (KETQUATHUCHIEN), processing times and fees (CACHTHUCTHUCHIEN).
 *
 * @param code            the catalogue's code (MATTHC as listed: bare or with an agency suffix)
 * @param withdrawnReason why it is withdrawn (not listed any more, not published); null while published
 * @param detailed        a LayThuTuc answer was stored; false: only the list's name is known
 */
public record CatalogueProcedure(String code, String name, String domainCode, String domainName, boolean withdrawn,
                                 String withdrawnReason, boolean detailed, List<Component> components,
                                 List<Result> results, List<Processing> processing) {

    /** A required document (THANHPHANHOSO[].GIAYTO[]) of one case ({@code caseName}, TRUONGHOP). */
    public record Component(String caseName, String code, String name, String replacingResult, Integer originals,
                            Integer copies, String formName, String formUrl) {
    }

    /** A result the procedure issues (KETQUATHUCHIEN[]): {@code code} is what MaGiayToKetQua carries. */
    public record Result(String code, String name, String fileName, String url) {
    }

    /** A channel's processing time (KENH 1 in person, 2 online, 3 post; DONVITINH free text) and its fees. */
    public record Processing(Integer channel, BigDecimal duration, String unit, String description, List<Fee> fees) {
    }

    /** A fee or charge (PHILEPHI); {@code amount} in đồng, null when the portal gave none or no number. */
    public record Fee(String code, BigDecimal amount, String unit, String description) {
    }

    public CatalogueProcedure {
        components = List.copyOf(components);
        results = List.copyOf(results);
        processing = List.copyOf(processing);
    }

    /** The component codes (MAGIAYTO) of every case, in order, each once. */
    public Set<String> componentCodes() {
        Set<String> codes = new LinkedHashSet<>();
        components.stream().map(Component::code).filter(c -> c != null && !c.isBlank()).forEach(codes::add);
        return codes;
    }

    /** The result codes (MAKETQUA), in order, each once. */
    public Set<String> resultCodes() {
        Set<String> codes = new LinkedHashSet<>();
        results.stream().map(Result::code).filter(c -> c != null && !c.isBlank()).forEach(codes::add);
        return codes;
    }

    /** The first component with this MAGIAYTO (a code repeated across cases names the same document). */
    public Optional<Component> component(String code) {
        return components.stream().filter(c -> code.equals(c.code())).findFirst();
    }

    public Optional<Result> result(String code) {
        return results.stream().filter(r -> code.equals(r.code())).findFirst();
    }

    /** Every fee of every channel, in order. */
    public List<Fee> fees() {
        return processing.stream().flatMap(p -> p.fees().stream()).toList();
    }

    /** The same procedure with the province's own name or domain where mappings/procedures.yaml overrides them. */
    CatalogueProcedure withNames(String name, String domainCode, String domainName) {
        return new CatalogueProcedure(code, name, domainCode, domainName, withdrawn, withdrawnReason, detailed,
                components, results, processing);
    }
}
