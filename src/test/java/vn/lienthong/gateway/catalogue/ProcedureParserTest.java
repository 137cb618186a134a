package vn.lienthong.gateway.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LayThuTuc answers read as the portal's peers send them, and refused whole when their shape is wrong. */
class ProcedureParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CODE = "1.003560.000.00.00.H47";

    private static ArrayNode result() throws IOException {
        try (InputStream in = ProcedureParserTest.class.getResourceAsStream("/fixtures/catalogue/lay-thu-tuc.json")) {
            return (ArrayNode) JSON.readTree(in).get("result");
        }
    }

    private static ArrayNode with(Consumer<ObjectNode> change) throws IOException {
        ArrayNode r = result();
        change.accept((ObjectNode) r.get(0));
        return r;
    }

    /** Names, the first domain, every case's documents, results, channels and fees come out; numbers as strings or numbers. */
    @Test
    void shouldReadEveryPartWhenAnswerIsWellFormed() throws IOException {
        ProcedureParser.Parsed p = ProcedureParser.parse(CODE, result());
        CatalogueProcedure proc = p.procedure();
        assertThat(proc.code()).isEqualTo(CODE);
        assertThat(proc.name()).isEqualTo("Cấp giấy phép xây dựng đối với công trình cấp III, cấp IV");
        assertThat(proc.domainCode()).isEqualTo("G13-XD05");
        assertThat(proc.domainName()).isEqualTo("Hoạt động xây dựng");
        assertThat(p.published()).isTrue();
        assertThat(p.publication()).isEqualTo("1");
        assertThat(proc.components()).extracting(CatalogueProcedure.Component::code)
                .containsExactly("GT.G13.000001", "GT.G13.000002", "GT.G13.000001");
        assertThat(proc.componentCodes()).containsExactly("GT.G13.000001", "GT.G13.000002");
        CatalogueProcedure.Component land = proc.component("GT.G13.000002").orElseThrow();
        assertThat(land.replacingResult()).isEqualTo("KQ.G11.000031");
        assertThat(land.formUrl()).as("Url read where URL is missing").isEqualTo("https://csdl.dichvucong.gov.vn/mau/02.pdf");
        assertThat(land.originals()).isZero();
        assertThat(land.copies()).isEqualTo(1);
        assertThat(proc.components().get(0).caseName()).isEqualTo("Trường hợp nộp trực tiếp");
        assertThat(proc.resultCodes()).containsExactly("KQ.G13.000005");
        assertThat(proc.processing()).extracting(CatalogueProcedure.Processing::channel).containsExactly(1, 2);
        assertThat(proc.processing()).extracting(CatalogueProcedure.Processing::duration)
                .containsExactly(new BigDecimal("15"), new BigDecimal("12.5"));
        assertThat(proc.fees()).extracting(CatalogueProcedure.Fee::amount)
                .containsExactly(new BigDecimal("150000"), new BigDecimal("75000.0"), null);
        assertThat(p.hash()).matches("[0-9a-f]{64}");
        assertThat(JSON.readTree(p.raw())).isEqualTo(result().get(0));
    }

    /** The content hash ignores the order of keys, so a portal that reorders fields reports no change. */
    @Test
    void shouldHashTheSameWhenOnlyKeyOrderDiffers() throws IOException {
        ArrayNode r = result();
        ObjectNode reordered = JSON.createObjectNode();
        java.util.List<String> names = new java.util.ArrayList<>();
        r.get(0).fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        names.forEach(n -> reordered.set(n, r.get(0).get(n)));
        assertThat(ProcedureParser.parse(CODE, JSON.createArrayNode().add(reordered)).hash())
                .isEqualTo(ProcedureParser.parse(CODE, result()).hash());
    }

    /** TRANGTHAI other than 1 (as text or number) is not published; without TRANGTHAI nothing says it is withdrawn. */
    @Test
    void shouldReadPublicationWhenTrangThaiIsTextNumberOrMissing() throws IOException {
        assertThat(ProcedureParser.parse(CODE, with(p -> p.put("TRANGTHAI", "0"))).published()).isFalse();
        assertThat(ProcedureParser.parse(CODE, with(p -> p.put("TRANGTHAI", 2))).published()).isFalse();
        assertThat(ProcedureParser.parse(CODE, with(p -> p.put("TRANGTHAI", "1.0"))).published()).isTrue();
        assertThat(ProcedureParser.parse(CODE, with(p -> p.remove("TRANGTHAI"))).published()).isTrue();
    }

    /** The portal may answer a local instance with its bare national code. */
    @Test
    void shouldAcceptAnswerWhenItCarriesTheBareCode() throws IOException {
        assertThat(ProcedureParser.parse(CODE, with(p -> p.put("MATTHC", "1.003560"))).procedure().code()).isEqualTo(CODE);
    }

    /** An empty or missing result is EMPTY: the previous copy stays. */
    @Test
    void shouldRefuseAsEmptyWhenNoResult() {
        assertThatThrownBy(() -> ProcedureParser.parse(CODE, JSON.createArrayNode()))
                .isInstanceOf(CatalogueAnswerException.class)
                .satisfies(e -> assertThat(((CatalogueAnswerException) e).kind()).isEqualTo(CatalogueAnswerException.Kind.EMPTY));
        assertThatThrownBy(() -> ProcedureParser.parse(CODE, com.fasterxml.jackson.databind.node.MissingNode.getInstance()))
                .isInstanceOf(CatalogueAnswerException.class);
    }

    /** Each broken shape is MALFORMED with the reason naming the field. */
    @ParameterizedTest
    @ValueSource(strings = {"THANHPHANHOSO", "GIAYTO", "MATTHC", "TENTTHC", "TRANGTHAI", "answer", "KETQUATHUCHIEN", "MAGIAYTO", "TENGIAYTO"})
    void shouldRefuseAsMalformedWhenShapeIsWrong(String broken) throws IOException {
        ArrayNode r = with(p -> {
            switch (broken) {
                case "THANHPHANHOSO" -> p.put("THANHPHANHOSO", "không phải danh sách");
                case "GIAYTO" -> ((ObjectNode) p.get("THANHPHANHOSO").get(0)).putObject("GIAYTO");
                case "MATTHC" -> p.remove("MATTHC");
                case "TENTTHC" -> p.put("TENTTHC", "  ");
                case "TRANGTHAI" -> p.put("TRANGTHAI", "công bố");
                case "answer" -> p.put("MATTHC", "2.000889");
                case "KETQUATHUCHIEN" -> ((ArrayNode) p.get("KETQUATHUCHIEN")).add("KQ");
                case "MAGIAYTO" -> ((ObjectNode) p.get("THANHPHANHOSO").get(0).get("GIAYTO").get(0)).put("MAGIAYTO", "X".repeat(101));
                default -> ((ObjectNode) p.get("THANHPHANHOSO").get(0).get("GIAYTO").get(0)).remove("TENGIAYTO");
            }
        });
        assertThatThrownBy(() -> ProcedureParser.parse(CODE, r)).isInstanceOf(CatalogueAnswerException.class)
                .satisfies(e -> assertThat(((CatalogueAnswerException) e).kind()).isEqualTo(CatalogueAnswerException.Kind.MALFORMED))
                .hasMessageContaining(broken.equals("answer") ? "2.000889" : broken.equals("GIAYTO") ? "GIAYTO" : broken);
    }

    /** List entries without a code or name are skipped and counted; a result that is not a list is refused. */
    @Test
    void shouldSkipBrokenEntriesWhenListIsRead() throws IOException {
        JsonNode list = JSON.readTree("[{\"MATTHC\":\"1.001612\",\"TENTTHC\":\"A\"},{\"MATTHC\":\"\",\"TENTTHC\":\"B\"},"
                + "{\"TENTTHC\":\"C\"},\"x\",{\"MATTHC\":\"1.001612\",\"TENTTHC\":\"again\"},{\"MATTHC\":2.000889,\"TENTTHC\":\"D\"}]");
        CatalogueLists.Entries<CatalogueLists.Listed> e = CatalogueLists.procedures(list);
        assertThat(e.byCode().keySet()).containsExactly("1.001612", "2.000889");
        assertThat(e.byCode().get("1.001612").name()).isEqualTo("A");
        assertThat(e.skipped()).hasSize(4);
        assertThatThrownBy(() -> CatalogueLists.procedures(JSON.readTree("{\"MATTHC\":\"1.001612\"}")))
                .isInstanceOf(CatalogueAnswerException.class);
        assertThat(CatalogueLists.agencies(JSON.readTree("[{\"MADONVI\":\"000.00.12.H47\",\"TENDONVI\":\"X\",\"CAPDONVI\":\"3\"}]"))
                .byCode().get("000.00.12.H47").level()).isEqualTo(3);
    }
}
