package vn.lienthong.gateway.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.lienthong.gateway.api.Violation;
import vn.lienthong.gateway.mapping.MappingLoader;

/** How an event's procedure code finds its catalogue entry: mapped, as it is, by its national part, or refused. */
class CatalogueIndexTest {
    private static final Instant LOADED = Instant.parse("2026-12-03T18:00:00Z");

    @TempDir
    Path dir;

    private ProcedureMap map(String entries) throws Exception {
        Files.writeString(dir.resolve("procedures.yaml"), "version: 1\nsource: s\ntarget: t\ndescription: d\nkey: code\nentries:\n"
                + entries);
        return ProcedureMap.from(MappingLoader.load("file:" + dir + "/"));
    }

    private static CatalogueProcedure procedure(String code, String name, boolean withdrawn) {
        return new CatalogueProcedure(code, name, "G15-TP03", "Hộ tịch", withdrawn, withdrawn ? "TRANGTHAI 0: not published" : null,
                true, List.of(), List.of(), List.of());
    }

    private static final List<CatalogueProcedure> CATALOGUE = List.of(
            procedure("1.001193.000.00.00.H47", "Đăng ký khai sinh", false),
            procedure("1.001612", "Đăng ký thành lập hộ kinh doanh", false),
            procedure("2.000889", "Cấp bản sao trích lục hộ tịch", true));

    /** A local code with the province's suffix, its bare national form and another agency's suffix all find it. */
    @Test
    void shouldFindProcedureWhenCodeIsLocalBareOrSuffixed() throws Exception {
        CatalogueIndex index = CatalogueIndex.of(CATALOGUE, map("  - code: \"9.999998\"\n    national: \"9.999997\"\n"), LOADED);
        for (String code : List.of("1.001193.000.00.00.H47", "1.001193", "1.001193.000.00.00.H56")) {
            assertThat(index.resolve(code).outcome()).as(code).isEqualTo(Resolution.Outcome.FOUND);
            assertThat(index.resolve(code).procedure().code()).isEqualTo("1.001193.000.00.00.H47");
        }
        assertThat(index.resolve("1.001612.000.00.00.H56").procedure().name()).isEqualTo("Đăng ký thành lập hộ kinh doanh");
    }

    /** procedures.yaml maps a code that is not the catalogue's own to the catalogue code, and overrides its name. */
    @Test
    void shouldFollowMapAndOverrideWhenProceduresYamlSaysSo() throws Exception {
        CatalogueIndex index = CatalogueIndex.of(CATALOGUE, map("  - code: \"1.006714\"\n    national: \"1.001193\"\n"
                + "  - code: \"1.001612\"\n    use: override\n    name: Đăng ký hộ kinh doanh (tỉnh)\n"), LOADED);
        Resolution mapped = index.resolve("1.006714");
        assertThat(mapped.outcome()).isEqualTo(Resolution.Outcome.FOUND);
        assertThat(mapped.procedure().code()).isEqualTo("1.001193.000.00.00.H47");
        assertThat(index.resolve("1.001612").recordFields().get("procedureName").asText()).isEqualTo("Đăng ký hộ kinh doanh (tỉnh)");
        assertThat(index.resolve("1.001612").recordFields().get("fieldCode").asText()).isEqualTo("G15-TP03");
    }

    /** A withdrawn code and an unknown one are refused with 422 rules that say which; the record is never built for them. */
    @Test
    void shouldRefuseWithReasonWhenWithdrawnOrUnknown() throws Exception {
        CatalogueIndex index = CatalogueIndex.of(CATALOGUE, map("  - code: \"1.006714\"\n    national: \"1.001193\"\n"), LOADED);
        Violation withdrawn = index.resolve("2.000889").violation("procedureCode");
        assertThat(withdrawn.rule()).isEqualTo("procedure-code.withdrawn");
        assertThat(withdrawn.unknownCode()).isTrue();
        assertThat(withdrawn.message()).contains("2.000889", "TRANGTHAI 0: not published");
        Violation unknown = index.resolve("9.999999").violation("procedureCode");
        assertThat(unknown.rule()).isEqualTo("procedure-code.unknown");
        assertThat(unknown.message()).contains("9.999999");
    }

    /** Before any refresh, the seeds serve (also for a suffixed code) and every other code is 503 "not loaded yet". */
    @Test
    void shouldServeSeedsAndAskToRetryWhenNeverLoaded() throws Exception {
        CatalogueIndex index = CatalogueIndex.of(List.of(), map("  - code: \"1.001612\"\n    use: seed\n    name: Đăng ký thành lập hộ kinh doanh\n"
                + "    fieldCode: \"G09-TC14\"\n    fieldName: Thành lập và hoạt động của hộ kinh doanh\n"), null);
        assertThat(index.loaded()).isFalse();
        assertThat(index.resolve("1.001612.000.00.00.H56").recordFields().get("fieldCode").asText()).isEqualTo("G09-TC14");
        Violation later = index.resolve("1.001193").violation("procedureCode");
        assertThat(later.rule()).isEqualTo("procedure-code.catalogue-not-loaded");
        assertThat(later.unavailable()).isTrue();
        assertThat(vn.lienthong.gateway.api.Problem.statusFor(List.of(later))).isEqualTo(503);
    }
}
