package vn.lienthong.gateway.catalogue;

import java.lang.management.ManagementFactory;
import java.util.Optional;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.delivery.DeliveryEngine;

/** The JMX face of the catalogue ({@link CatalogueControlMBean}). */
public class CatalogueControl implements CatalogueControlMBean {
    private static final Logger log = LoggerFactory.getLogger(CatalogueControl.class);
    private final CatalogueStatus status;
    private final CatalogueRefresh refresh;
    private final boolean registered;

    CatalogueControl(CatalogueStatus status, CatalogueRefresh refresh, boolean registered) {
        this.status = status;
        this.refresh = refresh;
        this.registered = registered;
    }

    public static ObjectName objectName() {
        try {
            return new ObjectName(DeliveryEngine.JMX_DOMAIN + ":type=Catalogue");
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public void register() {
        if (!registered) {
            return;
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(objectName())) {
                server.unregisterMBean(objectName());
            }
            server.registerMBean(new StandardMBean(this, CatalogueControlMBean.class), objectName());
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the catalogue MBean", e);
        }
    }

    public void unregister() {
        if (!registered) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(objectName());
        } catch (Exception e) {
            log.debug("catalogue MBean already gone");
        }
    }

    @Override public int getProcedures() { return status.index().size(); }
    @Override public long getPublished() { return status.index().published(); }
    @Override public long getWithdrawn() { return status.index().size() - status.index().published(); }
    @Override public boolean isLoaded() { return status.index().loaded(); }
    @Override public long getAgeSeconds() { return status.ageSeconds(); }
    @Override public String getRefreshedAt() {
        return status.index().refreshedAt() == null ? "" : status.index().refreshedAt().toString();
    }
    @Override public boolean isRunning() { return status.running(); }

    @Override
    public String getLastRefresh() {
        return last().map(r -> "#" + r.id() + " " + r.outcome() + " (" + r.triggeredBy() + " on " + r.instance() + ", started "
                + r.startedAt() + "): listed=" + r.listed() + " added=" + r.added() + " changed=" + r.changed() + " withdrawn="
                + r.withdrawn() + " unchanged=" + r.unchanged() + " failed=" + r.failed()
                + (r.error() == null ? "" : " — " + r.error())).orElse("none");
    }

    @Override public String getLastRefreshOutcome() { return last().map(r -> r.outcome() == null ? "RUNNING" : r.outcome()).orElse(""); }
    @Override public int getLastRefreshAdded() { return last().map(RefreshRecord::added).orElse(0); }
    @Override public int getLastRefreshChanged() { return last().map(RefreshRecord::changed).orElse(0); }
    @Override public int getLastRefreshWithdrawn() { return last().map(RefreshRecord::withdrawn).orElse(0); }
    @Override public int getLastRefreshFailed() { return last().map(RefreshRecord::failed).orElse(0); }

    @Override
    public String refresh() {
        return refresh.refresh(CatalogueRefresh.Trigger.JMX).summary();
    }

    private Optional<RefreshRecord> last() {
        return status.lastRefresh();
    }
}
