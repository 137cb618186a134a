package vn.lienthong.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Migrations only add (tables, columns, indexes), so an instance of the previous release keeps working on a
 * database the new release migrated: a rolling upgrade. Removing or changing what exists waits for a later
 * release, once no instance uses it (expand, then contract; docs/deployment.md).
 */
class ExpandOnlyMigrationsTest {
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    /**
     * Migrations released before the rule, each known: V4, V7 and V8 drop indexes their replacements made useless,
     * V5 moved the payload to a table of its own (that release was installed with every instance stopped).
     */
    private static final List<String> BEFORE_THE_RULE = List.of("V4__drop_state_index.sql", "V5__delivery_payload.sql",
            "V7__delivery_partial_claim_indexes.sql", "V8__delivery_claim_walk_indexes.sql");

    /** What a previous release's statements may trip over, and why. */
    private static final Map<Pattern, String> CONTRACTING = Map.of(
            Pattern.compile("\\bDROP\\b"), "DROP removes what the previous release may still use",
            Pattern.compile("\\bRENAME\\b"), "RENAME hides a name the previous release uses",
            Pattern.compile("\\bALTER\\b[^;]*\\bTYPE\\b"), "ALTER ... TYPE changes a column the previous release reads and writes",
            Pattern.compile("\\bTRUNCATE\\b"), "TRUNCATE removes rows the previous release may still deliver",
            Pattern.compile("\\bADD\\s+(COLUMN\\s+)?[^;,]*\\bNOT\\s+NULL\\b(?![^;,]*\\bDEFAULT\\b)"),
            "a NOT NULL column without a DEFAULT fails the previous release's inserts");

    /** No migration after the rule drops, renames, retypes, truncates or adds a NOT NULL column without a default. */
    @Test
    void shouldOnlyAddWhenMigrationsChangeTheSchema() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MIGRATIONS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                if (BEFORE_THE_RULE.contains(file.getFileName().toString())) {
                    continue;
                }
                violations.addAll(violations(file));
            }
        }
        assertThat(violations).as("contracting statements in migrations").isEmpty();
    }

    /** The rule itself catches each kind of contracting statement, and passes comments and adding statements. */
    @Test
    void shouldReportContractingStatementsWhenTheyAppear() throws IOException {
        Path file = Files.createTempFile("V99__contract", ".sql");
        Files.writeString(file, """
                -- comments may say DROP or RENAME freely
                CREATE TABLE t (id BIGINT PRIMARY KEY);
                ALTER TABLE t ADD COLUMN a VARCHAR(10) NOT NULL DEFAULT 'x';
                ALTER TABLE delivery_event DROP COLUMN last_error;
                ALTER TABLE delivery_event RENAME COLUMN state TO status;
                ALTER TABLE delivery_event ALTER COLUMN attempts TYPE BIGINT;
                ALTER TABLE delivery_event ADD COLUMN tenant VARCHAR(20) NOT NULL;
                TRUNCATE TABLE lookup_audit;
                """);
        assertThat(violations(file)).hasSize(5).anySatisfy(v -> assertThat(v).contains(":4:", "DROP"))
                .anySatisfy(v -> assertThat(v).contains(":7:", "NOT NULL"));
        Files.delete(file);
    }

    /** Each contracting statement of a file, as "file:line: reason: statement". */
    private static List<String> violations(Path file) throws IOException {
        String sql = Files.readString(file).replaceAll("/\\*(?s:.*?)\\*/", " ");
        List<String> found = new ArrayList<>();
        String[] lines = sql.split("\n", -1);
        StringBuilder statement = new StringBuilder();
        int startLine = 1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceAll("--.*", "");
            if (statement.toString().isBlank()) {
                startLine = i + 1;
            }
            statement.append(line).append('\n');
            if (line.contains(";") || i == lines.length - 1) {
                String text = statement.toString().toUpperCase();
                for (Map.Entry<Pattern, String> rule : CONTRACTING.entrySet()) {
                    Matcher m = rule.getKey().matcher(text);
                    if (m.find()) {
                        found.add(file + ":" + startLine + ": " + rule.getValue() + ": " + statement.toString().strip());
                    }
                }
                statement.setLength(0);
            }
        }
        return found;
    }
}
