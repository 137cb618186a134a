package vn.lienthong.gateway.ops;

import java.lang.management.ManagementFactory;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.mapping.MappingRegistry;

public class MappingsControl implements MappingsControlMBean {
    private static final Logger log = LoggerFactory.getLogger(MappingsControl.class);
    private final MappingRegistry registry;

    public MappingsControl(MappingRegistry registry) {
        this.registry = registry;
    }

    public static ObjectName objectName() {
        try {
            return new ObjectName(DeliveryEngine.JMX_DOMAIN + ":type=Mappings");
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static void register(MappingRegistry registry) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(objectName())) {
                server.unregisterMBean(objectName());
            }
            server.registerMBean(new StandardMBean(new MappingsControl(registry), MappingsControlMBean.class), objectName());
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the mappings MBean", e);
        }
    }

    static void unregister() {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(objectName());
        } catch (Exception e) {
            log.debug("mappings MBean already gone");
        }
    }

    @Override
    public Map<String, String> getVersions() {
        return registry.current().versions();
    }

    @Override
    public String getLocation() {
        return registry.current().location();
    }

    @Override
    public String reload() {
        try {
            return "reloaded: " + registry.reload().versions();
        } catch (RuntimeException e) {
            log.warn("mappings reload refused: {}", e.getMessage());
            return "refused, running mappings kept: " + e.getMessage();
        }
    }
}
