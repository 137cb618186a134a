package vn.lienthong.gateway.storage;

import javax.sql.DataSource;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The storage under every flow: durability of commits on an embedded H2 file, and its compaction. */
@Configuration
@EnableConfigurationProperties(StorageProperties.class)
public class StorageConfiguration {

    @Bean
    Durability durability(DataSource dataSource, StorageProperties props) {
        return Durability.of(dataSource, props.isH2SyncToDisk());
    }

    /** Reports on an embedded H2 file and, when configured, compacts it in small steps (nothing on PostgreSQL). */
    @Bean(destroyMethod = "close")
    H2Compaction h2Compaction(DataSource dataSource, StorageProperties props, Durability durability,
                              ObjectProvider<MeterRegistry> meters) {
        H2Compaction job = H2Compaction.start(dataSource, props.getH2Compaction().policy(), durability::waits);
        MeterRegistry registry = meters.getIfAvailable();
        if (job.onH2File() && registry != null) {
            Gauge.builder("lienthong.h2.file.size", job::fileBytes).baseUnit("bytes")
                    .description("size of the embedded H2 database file").register(registry);
            Gauge.builder("lienthong.h2.chunks.fill", job::chunksFillRate).baseUnit("percent")
                    .description("live share of the H2 file's chunks")
                    .register(registry);
            Gauge.builder("lienthong.h2.cache.hits", job::cacheHitPercent).baseUnit("percent")
                    .description("share of page reads served by H2's page cache (CACHE_SIZE in the database URL)")
                    .register(registry);
            FunctionCounter.builder("lienthong.h2.file.reads", job, H2Compaction::fileReads)
                    .description("pages H2 read from its file because its cache did not hold them").register(registry);
            FunctionCounter.builder("lienthong.h2.compaction.steps", job, H2Compaction::steps)
                    .description("steps of the gateway's compaction that rewrote chunks of the H2 file").register(registry);
            FunctionCounter.builder("lienthong.h2.compaction.moves", job, H2Compaction::moves)
                    .description("quiet steps of the gateway's compaction that moved chunks toward the front of the H2 file")
                    .register(registry);
        }
        return job;
    }
}
