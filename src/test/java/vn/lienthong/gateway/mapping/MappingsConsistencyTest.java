package vn.lienthong.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.lienthong.gateway.dossier.DossierVocabulary;
import vn.lienthong.gateway.national.portal.PortalProtocol;

/** The shipped mappings/ against what the code knows, and the refusal of broken copies with file and line. */
class MappingsConsistencyTest {
    private static final List<MappingCheck> CHECKS = List.of(PortalProtocol::from, DossierVocabulary::from,
            vn.lienthong.gateway.callbacks.CallbackVocabulary::from, vn.lienthong.gateway.catalogue.ProcedureCatalogue.MAPPINGS);

    @TempDir
    Path dir;

    private static Mappings shipped() {
        return MappingLoader.load("file:mappings/");
    }

    /** Every shipped table has its header, passes every flow's check, and the jar's copy equals the folder. */
    @Test
    void shouldPassEveryCheckWhenShippedMappingsLoaded() throws IOException {
        Mappings m = shipped();
        CHECKS.forEach(c -> c.check(m));
        assertThat(m.versions()).containsKeys("dossier-status.yaml", "procedures.yaml", "portal-dossier-record.yaml");
        try (Stream<Path> files = Files.list(Paths.get("mappings"))) {
            for (Path f : files.toList()) {
                assertThat(Paths.get("target/classes/mappings").resolve(f.getFileName())).hasSameTextualContentAs(f);
            }
        }
    }

    /**
     * Each portal status 1-10 has a provincial word of its own, so no information is folded away; only 4 has a
     * second word, SUPPLEMENT_RECEIVED (processing resumes), which ends the citizen's supplement time.
     */
    @Test
    void shouldMapEveryPortalStatusOnceWhenStatusTableRead() {
        MappingTable t = shipped().table(DossierVocabulary.STATUS);
        Set<Integer> codes = new HashSet<>();
        t.entries().stream().filter(e -> !e.string("status").equals("SUPPLEMENT_RECEIVED"))
                .forEach(e -> assertThat(codes.add(e.requireInt("portalStatus"))).as("line " + e.line()).isTrue());
        assertThat(codes).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(t.lookup("SUPPLEMENT_RECEIVED", "portalStatus")).isEqualTo(4);
    }

    private Path copyWith(String file, String from, String to) throws IOException {
        try (Stream<Path> files = Files.list(Paths.get("mappings"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Path target = dir.resolve(file);
        String text = Files.readString(target);
        assertThat(text).contains(from);
        Files.writeString(target, text.replace(from, to));
        return dir;
    }

    /** A duplicate key is refused naming the file and both lines. */
    @Test
    void shouldRefuseWithFileAndLineWhenKeyDuplicated() throws IOException {
        copyWith("dossier-status.yaml", "status: STOPPED", "status: PROCESSING");
        assertThatThrownBy(() -> MappingLoader.load("file:" + dir + "/"))
                .isInstanceOf(MappingException.class)
                .hasMessageMatching("dossier-status\\.yaml:\\d+: duplicate status 'PROCESSING' \\(first on line \\d+\\)");
    }

    /** A status code outside the portal's range, an unknown template key and a lookup of a missing table are refused. */
    @Test
    void shouldRefuseWhenTableCannotServeFlow() throws IOException {
        copyWith("dossier-status.yaml", "portalStatus: 8", "portalStatus: 11");
        Mappings bad = MappingLoader.load("file:" + dir + "/");
        assertThatThrownBy(() -> DossierVocabulary.from(bad)).hasMessageContaining("dossier-status.yaml:")
                .hasMessageContaining("portalStatus 11 is not a portal status");
    }

    @Test
    void shouldRefuseWhenTemplateNamesUnknownTable() throws IOException {
        copyWith("portal-dossier-record.yaml", "lookup: channels.portalCode", "lookup: chanels.portalCode");
        Mappings bad = MappingLoader.load("file:" + dir + "/");
        assertThatThrownBy(() -> DossierVocabulary.from(bad)).hasMessageContaining("portal-dossier-record.yaml:")
                .hasMessageContaining("chanels.portalCode");
    }

    /** procedures.yaml: a seed without all its names, an unknown use and a mapped code mapped again are refused with file and line. */
    @Test
    void shouldRefuseWhenProcedureMapCannotServe() throws IOException {
        copyWith("procedures.yaml", "    fieldName: Hộ tịch\n  - code: \"1.000656\"", "  - code: \"1.000656\"");
        assertThatThrownBy(() -> CHECKS.forEach(c -> c.check(MappingLoader.load("file:" + dir + "/"))))
                .hasMessageMatching("procedures\\.yaml:\\d+: entry has no 'fieldName'");
        Files.writeString(dir.resolve("procedures.yaml"), Files.readString(Paths.get("mappings/procedures.yaml"))
                .replace("use: seed\n    name: Đăng ký kết hôn", "use: always\n    name: Đăng ký kết hôn"));
        assertThatThrownBy(() -> vn.lienthong.gateway.catalogue.ProcedureCatalogue.MAPPINGS.check(MappingLoader.load("file:" + dir + "/")))
                .hasMessageMatching("procedures\\.yaml:\\d+: use must be override or seed, not 'always'");
        Files.writeString(dir.resolve("procedures.yaml"), Files.readString(Paths.get("mappings/procedures.yaml"))
                + "  - code: \"1.006715\"\n    national: \"1.006714\"\n");
        assertThatThrownBy(() -> vn.lienthong.gateway.catalogue.ProcedureCatalogue.MAPPINGS.check(MappingLoader.load("file:" + dir + "/")))
                .hasMessageContaining("national 1.006714 is itself mapped");
    }

    /** A reload that fails its checks keeps the running mappings in use. */
    @Test
    void shouldKeepRunningMappingsWhenReloadRefused() throws IOException {
        Path d = copyWith("channels.yaml", "portalCode: 3", "portalCode: 3");
        MappingRegistry registry = new MappingRegistry("file:" + d + "/", CHECKS);
        Mappings before = registry.current();
        Files.writeString(d.resolve("channels.yaml"), "version: 1\nsource: x\ntarget: y\n");
        assertThatThrownBy(registry::reload).hasMessageContaining("channels.yaml:1: header has no 'description'");
        assertThat(registry.current()).isSameAs(before);
    }

    /** An unmapped code at run time is an error naming the table, never a silent default. */
    @Test
    void shouldFailClearlyWhenCodeUnmapped() {
        MappingTable t = shipped().table(DossierVocabulary.CHANNELS);
        assertThatThrownBy(() -> t.lookup("FAX", "portalCode")).isInstanceOf(UnmappedCodeException.class)
                .hasMessageContaining("'FAX'").hasMessageContaining("channels");
    }
}
