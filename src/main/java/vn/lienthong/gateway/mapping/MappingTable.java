package vn.lienthong.gateway.mapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One file of mappings/: a header saying what it translates and its version, and entries.
 * Entries are kept in file order and, when the table has a key column, indexed by that key.
 */
public record MappingTable(String name, String file, String version, String source, String target,
                           String description, String key, List<MappingEntry> entries,
                           Map<String, MappingEntry> byKey) {

    public Optional<MappingEntry> find(String keyValue) {
        return Optional.ofNullable(keyValue == null ? null : byKey.get(keyValue));
    }

    /** The value of {@code column} for {@code keyValue}; an unmapped key is an error, never a default. */
    public Object lookup(String keyValue, String column) {
        MappingEntry e = find(keyValue).orElseThrow(() ->
                new UnmappedCodeException(name, keyValue));
        if (!e.has(column)) {
            throw new MappingException(file, e.line(), "entry '" + keyValue + "' has no '" + column + "'");
        }
        return e.value(column);
    }

    /** A key/value table (key column {@code key}, value column {@code value}) read as a string. */
    public String setting(String keyValue) {
        return String.valueOf(lookup(keyValue, "value"));
    }
}
