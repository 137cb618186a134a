package vn.lienthong.gateway.ops;

import org.springframework.context.SmartLifecycle;

import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.mapping.MappingRegistry;

/**
 * Starts the JMX controls after everything else and stops the dispatchers before Camel stops, so a batch
 * in flight can finish its call (or lose its claim cleanly to the lease) instead of failing mid-route.
 */
public class DeliveryLifecycle implements SmartLifecycle {
    private final DeliveryEngine engine;
    private final MappingRegistry mappings;
    private volatile boolean running;

    public DeliveryLifecycle(DeliveryEngine engine, MappingRegistry mappings) {
        this.engine = engine;
        this.mappings = mappings;
    }

    @Override
    public void start() {
        engine.registerMBeans();
        MappingsControl.register(mappings);
        running = true;
    }

    @Override
    public void stop() {
        engine.close();
        MappingsControl.unregister();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
