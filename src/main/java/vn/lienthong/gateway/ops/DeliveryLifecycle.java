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
    private final NationalSystems systems;
    private final boolean registerMbeans;
    private volatile boolean running;

    public DeliveryLifecycle(DeliveryEngine engine, MappingRegistry mappings, NationalSystems systems, boolean registerMbeans) {
        this.engine = engine;
        this.mappings = mappings;
        this.systems = systems;
        this.registerMbeans = registerMbeans;
    }

    @Override
    public void start() {
        if (registerMbeans) {
            engine.registerMBeans();
            MappingsControl.register(mappings);
            NationalSystemControl.registerAll(systems);
        }
        running = true;
    }

    @Override
    public void stop() {
        engine.close();
        if (registerMbeans) {
            MappingsControl.unregister();
            NationalSystemControl.unregisterAll(systems);
        }
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
