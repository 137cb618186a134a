package vn.lienthong.gateway.civilstatus;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;

import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.mapping.MappingRegistry;
import vn.lienthong.gateway.national.guard.NationalGuard;
import vn.lienthong.gateway.ops.NationalSystems;
import vn.lienthong.gateway.storage.Durability;

/**
 * Wires the linked civil-status flow: the service's client, the file store, the intake and status destinations of
 * the delivery engine, the poller and the REST handlers; names used by routes/civil-status.camel.yaml are the bean
 * names here. The mapping tables are checked at start and before every reload (a table that cannot serve refuses
 * the reload).
 */
@Configuration
@EnableConfigurationProperties(CivilStatusProperties.class)
public class CivilStatusConfiguration {

    @Bean
    Supplier<CivilStatusVocabulary> civilStatusVocabulary(MappingRegistry mappings) {
        mappings.addCheck(CivilStatusVocabulary::from);
        AtomicReference<CivilStatusVocabulary> current = new AtomicReference<>();
        mappings.onChange(m -> current.set(CivilStatusVocabulary.from(m)));
        return current::get;
    }

    /** Named civil-status in metrics, JMX and health; both of the service's destinations share it. */
    @Bean
    NationalGuard civilStatusGuard(CivilStatusProperties cfg, NationalSystems systems) {
        NationalGuard guard = new NationalGuard(CivilStatusClient.SYSTEM, cfg);
        systems.register(guard);
        return guard;
    }

    @Bean(destroyMethod = "close")
    CivilStatusClient civilStatusClient(CivilStatusProperties cfg, Supplier<CivilStatusVocabulary> civilStatusVocabulary,
                                        NationalGuard civilStatusGuard, ObjectMapper json, Clock clock) {
        return new CivilStatusClient(cfg, civilStatusVocabulary, civilStatusGuard, json, clock);
    }

    @Bean
    FileCatalog civilStatusFileCatalog(DataSource dataSource, Clock clock) {
        return new FileCatalog(dataSource, clock);
    }

    /** On disk beside the embedded database; in the database with PostgreSQL (shared by every instance). */
    @Bean
    FileStore civilStatusFileStore(CivilStatusProperties cfg, DataSource dataSource, FileCatalog civilStatusFileCatalog,
                                   Clock clock) {
        CivilStatusProperties.Files f = cfg.getFiles();
        boolean database = f.getStore() == CivilStatusProperties.Files.Store.DATABASE
                || (f.getStore() == CivilStatusProperties.Files.Store.AUTO && isPostgres(dataSource));
        return database ? new DatabaseFileStore(dataSource, civilStatusFileCatalog)
                : new DiskFileStore(Path.of(f.getFolder()), civilStatusFileCatalog, clock);
    }

    @Bean
    Dossiers civilStatusDossiers(DataSource dataSource, PlatformTransactionManager tx, DeliveryStore store,
                                 FileCatalog civilStatusFileCatalog, Durability durability, Clock clock) {
        return new Dossiers(dataSource, tx, store, civilStatusFileCatalog, durability, clock);
    }

    @Bean
    Intake civilStatusIntake(CivilStatusClient civilStatusClient, Supplier<CivilStatusVocabulary> civilStatusVocabulary,
                             FileStore civilStatusFileStore, CivilStatusProperties cfg, Dossiers civilStatusDossiers,
                             @Lazy DeliveryEngine engine, Clock clock) {
        return new Intake(civilStatusClient, civilStatusVocabulary, civilStatusFileStore, cfg, civilStatusDossiers, engine, clock);
    }

    @Bean
    IntakeDestination civilStatusIntakeDestination(Intake civilStatusIntake, NationalGuard civilStatusGuard,
                                                   CivilStatusProperties cfg, ObjectMapper json) {
        return new IntakeDestination(civilStatusIntake, civilStatusGuard.breaker(), cfg, json);
    }

    @Bean
    StatusDestination civilStatusDestination(CivilStatusClient civilStatusClient, Supplier<CivilStatusVocabulary> civilStatusVocabulary,
                                             FileStore civilStatusFileStore, CivilStatusProperties cfg, ObjectMapper json) {
        return new StatusDestination(civilStatusClient, civilStatusVocabulary, civilStatusFileStore, cfg, json);
    }

    @Bean
    CivilStatusPoller civilStatusPoller(CivilStatusClient civilStatusClient, Supplier<CivilStatusVocabulary> civilStatusVocabulary,
                                        DeliveryStore store, DeliveryEngine engine, Intake civilStatusIntake,
                                        CivilStatusProperties cfg, DataSource dataSource, Clock clock) {
        return new CivilStatusPoller(civilStatusClient, civilStatusVocabulary, store, engine, civilStatusIntake, cfg, dataSource, clock);
    }

    @Bean
    CivilStatusApi civilStatusApi(CivilStatusProperties cfg, Supplier<CivilStatusVocabulary> civilStatusVocabulary,
                                  Dossiers civilStatusDossiers, FileCatalog civilStatusFileCatalog, FileStore civilStatusFileStore,
                                  DeliveryStore store, DeliveryEngine engine, ObjectMapper json, Clock clock) {
        return new CivilStatusApi(cfg, civilStatusVocabulary, civilStatusDossiers, civilStatusFileCatalog, civilStatusFileStore,
                store, engine, json, clock);
    }

    @Bean
    PortalPushApi portalPushApi(CivilStatusProperties cfg, Supplier<CivilStatusVocabulary> civilStatusVocabulary,
                                MappingRegistry mappings, FileStore civilStatusFileStore, Dossiers civilStatusDossiers,
                                DeliveryEngine engine, ObjectMapper json, Clock clock) {
        return new PortalPushApi(cfg, civilStatusVocabulary, mappings, civilStatusFileStore, civilStatusDossiers, engine, json, clock);
    }

    private static boolean isPostgres(DataSource ds) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(ds, md -> md.getDatabaseProductName());
            return product != null && product.toLowerCase().contains("postgres");
        } catch (MetaDataAccessException e) {
            return false;
        }
    }
}
