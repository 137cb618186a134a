package vn.lienthong.gateway.mapping;

import java.util.Map;
import java.util.TreeMap;

/** An immutable snapshot of all mapping tables, as loaded from one location. */
public final class Mappings {
    private final String location;
    private final Map<String, MappingTable> tables;

    Mappings(String location, Map<String, MappingTable> tables) {
        this.location = location;
        this.tables = Map.copyOf(tables);
    }

    public String location() {
        return location;
    }

    public MappingTable table(String name) {
        MappingTable t = tables.get(name);
        if (t == null) {
            throw new MappingException("mapping table '" + name + "' is missing (expected " + location + name + ".yaml)");
        }
        return t;
    }

    public boolean has(String name) {
        return tables.containsKey(name);
    }

    /** File name to version, for the info endpoint and the JMX view. */
    public Map<String, String> versions() {
        Map<String, String> v = new TreeMap<>();
        tables.values().forEach(t -> v.put(t.file(), t.version()));
        return v;
    }
}
