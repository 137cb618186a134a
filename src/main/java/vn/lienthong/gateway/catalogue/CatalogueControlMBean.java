package vn.lienthong.gateway.catalogue;

/** {@code vn.lienthong.gateway:type=Catalogue}: the national procedure catalogue copy, its age and its last refresh. */
public interface CatalogueControlMBean {
    /** Procedures in the copy, published and withdrawn. */
    int getProcedures();
    long getPublished();
    long getWithdrawn();
    /** A refresh ever got the portal's list; while false only the seeds of mappings/procedures.yaml are accepted. */
    boolean isLoaded();
    /** Seconds since the last refresh that got the list finished; -1 while none did. */
    long getAgeSeconds();
    /** When that refresh finished (ISO-8601), empty while none did. */
    String getRefreshedAt();
    /** A refresh is running on this instance. */
    boolean isRunning();
    /** The last refresh of any instance: outcome and counts, one line. */
    String getLastRefresh();
    String getLastRefreshOutcome();
    int getLastRefreshAdded();
    int getLastRefreshChanged();
    int getLastRefreshWithdrawn();
    /** Procedures whose LayThuTuc answer could not be used in the last refresh (they kept their previous copy). */
    int getLastRefreshFailed();
    /** Refreshes now (on this instance, unless another one holds the lock) and answers what changed. */
    String refresh();
}
