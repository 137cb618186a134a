package vn.lienthong.gateway.citizen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.lienthong.gateway.mapping.MappingException;
import vn.lienthong.gateway.mapping.MappingLoader;

class LookupVocabularyTest {

    /** The shipped mappings/ give every table the lookup flows need. */
    @Test
    void shouldBuildVocabularyWhenMappingsAreShipped() {
        LookupVocabulary v = LookupVocabulary.from(MappingLoader.load("file:mappings/"));
        assertTrue(v.purposes().get("ETHNICITY_RECORD"));
        assertFalse(v.purposes().get("DOSSIER_PROCESSING"));
        assertTrue(v.provinceCodes().contains("049"));
        assertEquals("TRANSIENT", v.populationFaults().get("DC503"));
        assertEquals("SUSPENDED", v.legalStatuses().get("TAM_NGUNG"));
    }

    /** A purpose without a true/false 'sensitive' stops the start with file and line. */
    @Test
    void shouldRefuseWithFileAndLineWhenPurposeTableInvalid(@TempDir Path dir) throws Exception {
        try (Stream<Path> files = Files.list(Path.of("mappings"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Files.writeString(dir.resolve("lookup-purposes.yaml"), """
                version: "1"
                source: s
                target: t
                description: d
                key: code
                entries:
                  - code: CIVIL_STATUS
                    description: x
                    sensitive: maybe
                """);
        MappingException e = assertThrows(MappingException.class,
                () -> LookupVocabulary.from(MappingLoader.load(dir.toUri().toString())));
        assertTrue(e.getMessage().startsWith("lookup-purposes.yaml:7:"), e.getMessage());
    }
}
