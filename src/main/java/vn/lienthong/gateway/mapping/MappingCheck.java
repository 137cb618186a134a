package vn.lienthong.gateway.mapping;

/**
 * A flow's check of the tables it relies on. Run on start-up and before every reload, so a bad file is
 * refused with its line and reason while the running mappings stay in use.
 */
@FunctionalInterface
public interface MappingCheck {
    /** Throws {@link MappingException} naming file, line and reason when the snapshot cannot serve the flow. */
    void check(Mappings candidate);
}
