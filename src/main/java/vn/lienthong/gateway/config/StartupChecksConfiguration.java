package vn.lienthong.gateway.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Checks of the deployment that must pass before any bean uses what they check. */
@Configuration(proxyBeanMethods = false)
public class StartupChecksConfiguration {

    /** Static: a factory post-processor runs before the datasource and Flyway are created. */
    @Bean
    static DataFolderCheck dataFolderCheck(Environment env) {
        return new DataFolderCheck(env);
    }
}
