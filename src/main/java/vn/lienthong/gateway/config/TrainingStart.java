package vn.lienthong.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code gateway.training-start=true}: the start that the class-data sharing archive records
 * ({@code config/cds-archive.sh}). Once the gateway accepts traffic (database migrated, routes and web server started)
 * it answers its own readiness probe once, so the classes a probe's first request loads are recorded too, then
 * closes and exits. The archive then holds every class a start loads until the first probe is answered, not
 * only those of the context's creation.
 */
@Component
@ConditionalOnProperty(name = "gateway.training-start", havingValue = "true")
class TrainingStart implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {

    private static final Logger log = LoggerFactory.getLogger(TrainingStart.class);
    private static final Duration PROBE_WAIT = Duration.ofSeconds(60);

    @Override
    public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC
                || !(event.getSource() instanceof ConfigurableApplicationContext context)) {
            return;
        }
        int port = context instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : -1;
        // On a thread of its own: the readiness state is recorded by another listener of this same event.
        Thread probe = new Thread(() -> {
            int status = -1;
            long deadline = System.nanoTime() + PROBE_WAIT.toNanos();
            while (status != 200 && port > 0 && System.nanoTime() < deadline) {
                status = probe(port);
                if (status != 200) {
                    pause();
                }
            }
            log.info("training start: readiness answered {}", status);
            int code = SpringApplication.exit(context);
            // The JVM writes the archive (-XX:ArchiveClassesAtExit) as it exits; a probe never answered fails the run.
            System.exit(status == 200 ? code : 1);
        }, "training-start");
        probe.start();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int probe(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")
                    .toURL().openConnection();
            c.setConnectTimeout(5_000);
            c.setReadTimeout(30_000);
            int status = c.getResponseCode();
            try (InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            return status;
        } catch (IOException e) {
            log.warn("training start: readiness probe failed: {}", e.toString());
            return -1;
        }
    }
}
