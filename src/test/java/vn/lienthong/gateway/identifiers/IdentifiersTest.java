package vn.lienthong.gateway.identifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The national identifier rules, on the codes the domain notes verify and on near misses. */
class IdentifiersTest {
    private static final Set<String> PROVINCES = Set.of("001", "048", "049", "079");

    /** The enterprise codes verified in the domain notes pass, and branches of them too. */
    @ParameterizedTest
    @ValueSource(strings = {"0100109106", "0300588569", "0101248141", "4059083010", "0100109106-001"})
    void shouldAcceptEnterpriseCodeWhenCheckDigitRight(String code) {
        assertThat(Identifiers.enterpriseCode(code)).isNull();
    }

    /** A wrong check digit, a code whose check would be 10, and malformed codes are refused by name. */
    @ParameterizedTest
    @CsvSource({"0100109107,enterprise-code.check-digit", "0100109100,enterprise-code.check-digit",
            "010010910,enterprise-code.format", "0100109106-01,enterprise-code.format", "01001091O6,enterprise-code.format"})
    void shouldRefuseEnterpriseCodeWhenRuleBroken(String code, String rule) {
        assertThat(Identifiers.enterpriseCode(code)).isEqualTo(rule);
    }

    /** A code whose weighted sum is divisible by 11 would need check digit 10, so no such code is valid. */
    @Test
    void shouldRefuseEveryCodeWhenCheckWouldBeTen() {
        // 1·31 + 0 … + 0 + 8·3 = 55 = 5·11
        for (int d = 0; d <= 9; d++) {
            assertThat(Identifiers.enterpriseCode("10000000 8".replace(" ", "") + d)).isEqualTo("enterprise-code.check-digit");
        }
    }

    /** Century/sex digit and year digits decode to the birth year; the province must be known. */
    @ParameterizedTest
    @CsvSource({"049085754323,1985", "049192757491,1992", "079203000123,2003", "001300000001,2000", "048499000001,2199"})
    void shouldDecodeBirthYearWhenDigitsGiven(String id, int year) {
        assertThat(Identifiers.birthYearOf(id)).isEqualTo(year);
    }

    @Test
    void shouldApplyEachPersonalIdRule() {
        assertThat(Identifiers.personalId("049085754323", PROVINCES, 1985, 2026)).isNull();
        assertThat(Identifiers.personalId("049085754323", PROVINCES, null, 2026)).isNull();
        assertThat(Identifiers.personalId("04908575432", PROVINCES, null, 2026)).isEqualTo("personal-id.format");
        assertThat(Identifiers.personalId("002085754323", PROVINCES, null, 2026)).isEqualTo("personal-id.province");
        assertThat(Identifiers.personalId("049085754323", PROVINCES, 1986, 2026)).isEqualTo("personal-id.birth-year");
        assertThat(Identifiers.personalId("049227754323", PROVINCES, null, 2026)).isEqualTo("personal-id.century");
        assertThat(Identifiers.mask("049085754323")).isEqualTo("049******323");
    }

    @Test
    void shouldCheckDossierAgencyAndProcedureCodes() {
        assertThat(Identifiers.dossierCode("000.00.12.H47-241124-0001")).isNull();
        assertThat(Identifiers.dossierCode("000.00.12.H47-240230-0001")).isEqualTo("dossier-code.date");
        assertThat(Identifiers.dossierCode("000.00.12.H47-241124-001")).isEqualTo("dossier-code.format");
        assertThat(Identifiers.agencyCode("000.00.00.H56")).isNull();
        assertThat(Identifiers.agencyCode("000.00.00.56")).isEqualTo("agency-code.format");
        assertThat(Identifiers.procedureCode("1.003560.000.00.00.H56")).isNull();
        assertThat(Identifiers.nationalProcedureCode("1.003560.000.00.00.H56")).isEqualTo("1.003560");
        assertThat(Identifiers.procedureCode("1.00356")).isEqualTo("procedure-code.format");
    }
}
