package vn.lienthong.gateway.audit;

import java.time.Clock;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.lienthong.gateway.storage.Durability;

/** The audit log of personal-data access: written before a lookup is answered, read by GET /admin/audit (routes/audit.camel.yaml). */
@Configuration
@EnableConfigurationProperties(AuditProperties.class)
public class AuditConfiguration {

    @Bean
    AuditLog auditLog(DataSource dataSource, AuditProperties props, Clock clock, Durability durability) {
        return new AuditLog(dataSource, new SubjectHasher(props.getHmacSecret()), clock, durability);
    }

    @Bean
    LookupVolume lookupVolume(DataSource dataSource, Clock clock) {
        return new LookupVolume(dataSource, clock);
    }

    @Bean
    AuditApi auditApi(AuditLog auditLog, ObjectMapper json, AuditProperties props) {
        return new AuditApi(auditLog, json, props.getMaxRows());
    }
}
