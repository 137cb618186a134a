package vn.lienthong.gateway.mapping;

/** A code met at run time that the named table does not map. */
public class UnmappedCodeException extends RuntimeException {
    private final String table;
    private final String code;

    public UnmappedCodeException(String table, String code) {
        super("code '" + code + "' is not in mapping table '" + table + "'");
        this.table = table;
        this.code = code;
    }

    public String table() { return table; }
    public String code() { return code; }
}
