package vn.lienthong.gateway.ops;

import java.util.Map;

/** {@code vn.lienthong.gateway:type=Mappings}: which mapping files are in use, and a checked reload. */
public interface MappingsControlMBean {
    /** File name to version of every table in use. */
    Map<String, String> getVersions();
    String getLocation();
    /** Reads mappings/ again; a file that fails its checks is refused with the reason and the running mappings stay. */
    String reload();
}
