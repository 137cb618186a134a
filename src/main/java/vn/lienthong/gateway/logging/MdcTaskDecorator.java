package vn.lienthong.gateway.logging;

import java.util.Map;

import org.slf4j.MDC;
import org.springframework.core.task.TaskDecorator;

/**
 * Carries the caller's MDC (the correlation id) to the thread that runs the task: the REST routes run on
 * Spring's task executor, handed over from the servlet thread by Camel's platform-http.
 */
public class MdcTaskDecorator implements TaskDecorator {
    @Override
    public Runnable decorate(Runnable task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                task.run();
            } finally {
                if (before != null) {
                    MDC.setContextMap(before);
                } else {
                    MDC.clear();
                }
            }
        };
    }
}
