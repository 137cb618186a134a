package vn.lienthong.gateway.ops;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

import vn.lienthong.gateway.mapping.MappingRegistry;

/** /actuator/info: where mappings/ are read from and the version of every table in use. */
public class MappingsInfo implements InfoContributor {
    private final MappingRegistry mappings;

    public MappingsInfo(MappingRegistry mappings) {
        this.mappings = mappings;
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("mappings", java.util.Map.of("location", mappings.current().location(),
                "versions", mappings.current().versions()));
    }
}
