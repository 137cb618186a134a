package vn.lienthong.gateway.security;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;


/**
 * Who may call what (docs/security.md). Scopes: {@code dossier:write}, {@code dossier:read}, {@code citizen:read},
 * {@code citizen:read-sensitive}, {@code citizen:verify}, {@code enterprise:read}, {@code civil-status:read} and
 * {@code civil-status:write}, {@code payment:write} and {@code payment:read} for the one-stop system,
 * {@code portal:push} for the portal's push of dossiers, {@code payment:bill} for the portal's bill lookup (the payment
 * platform's confirm carries its MaXacThuc seal instead),
 * {@code admin} for /admin and the actuator (health stays open for load balancers). Portal callbacks carry an HMAC
 * signature instead. A rule covers its path for every method (Spring MVC serves HEAD with the GET handler, so a rule
 * naming GET alone left HEAD unguarded); HEAD on the API is refused outright, and whatever no rule names is denied.
 */
@Configuration
@EnableConfigurationProperties({BodyLimitProperties.class, SecurityProperties.class})
public class SecurityConfig {

    /** Right after the correlation id, ahead of authentication and of anything that reads a body. */
    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(BodyLimitProperties limits) {
        FilterRegistrationBean<BodyLimitFilter> r = new FilterRegistrationBean<>(new BodyLimitFilter(limits));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        r.addUrlPatterns("/*");
        return r;
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProperties props, ClientRateLimits clientRateLimits) throws Exception {
        ProblemResponses problems = new ProblemResponses();
        http.csrf(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(r -> r.disable())
                // Every call carries its key: no HTTP session, no anonymous principal. (The servlet API wrapper
                // stays: the actuator asks the request for the caller's principal before showing health details.)
                .sessionManagement(s -> s.disable())
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .anonymous(a -> a.disable())
                .addFilterBefore(new ApiKeyAuthenticationFilter(props.getApiKeys(), problems, clientRateLimits),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        // The REQUEST dispatch was authorised; the error page of the same request is not a new call.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        // HEAD would run a GET handler (a lookup, an audit row) to answer nothing.
                        .requestMatchers(HttpMethod.HEAD, "/api/**", "/admin/**").denyAll()
                        .requestMatchers("/api/v1/dossier-events", "/api/v1/dossier-events/batch")
                        .hasAuthority("SCOPE_dossier:write")
                        .requestMatchers("/api/v1/dossiers/**").hasAuthority("SCOPE_dossier:read")
                        .requestMatchers("/api/v1/citizens/verify").hasAuthority("SCOPE_citizen:verify")
                        .requestMatchers("/api/v1/citizens/**").hasAuthority("SCOPE_citizen:read")
                        .requestMatchers("/api/v1/enterprises/**").hasAuthority("SCOPE_enterprise:read")
                        .requestMatchers("/api/v1/civil-status/statuses").hasAuthority("SCOPE_civil-status:write")
                        .requestMatchers("/api/v1/civil-status/**").hasAuthority("SCOPE_civil-status:read")
                        // The portal's push of dossiers with files: an API key the province's LGSP adds (docs/civil-status.md).
                        .requestMatchers(HttpMethod.POST, "/api/v1/portal/dossiers").hasAuthority("SCOPE_portal:push")
                        .requestMatchers(HttpMethod.POST, "/api/v1/payments").hasAuthority("SCOPE_payment:write")
                        .requestMatchers("/api/v1/payments/**").hasAuthority("SCOPE_payment:read")
                        // The payment platform seals its confirm with MaXacThuc, checked by the payment flow.
                        .requestMatchers(HttpMethod.POST, "/api/v1/payment-platform/confirm").permitAll()
                        // The portal's bill lookup: an API key the province's LGSP adds (docs/payments.md).
                        .requestMatchers(HttpMethod.POST, "/api/v1/payment-platform/dptracuuthanhtoanhs").hasAuthority("SCOPE_payment:bill")
                        // The portal proves itself by the HMAC signature of each callback, checked by the callback flow.
                        .requestMatchers(HttpMethod.POST, "/api/v1/portal/callbacks").permitAll()
                        // The API's OpenAPI document (src/main/resources/static/openapi.yaml) is public.
                        .requestMatchers(HttpMethod.GET, "/openapi.yaml").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/openapi.yaml").permitAll()
                        .requestMatchers("/admin/**").hasAuthority("SCOPE_admin")
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasAuthority("SCOPE_admin")
                        .anyRequest().denyAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.write(res, 401, "unauthenticated",
                                "Unauthenticated", "send a valid API key in the X-API-Key header"))
                        // Never the path: a lookup's path carries a personal ID.
                        .accessDeniedHandler((req, res, ex) -> problems.write(res, 403, "forbidden", "Forbidden",
                                "this API key has no scope for this method and path (scopes: docs/security.md)")));
        return http.build();
    }

    /** Static: it checks the settings before any other bean is made. */
    @Bean
    static DeploymentSafety deploymentSafety() {
        return new DeploymentSafety();
    }

    @Bean
    ClientRateLimits clientRateLimits(SecurityProperties props) {
        return new ClientRateLimits(props);
    }

    /**
     * No observation (timer and span) around each security filter: the request as a whole is measured
     * (http.server.requests), and per-filter observations were a visible share of an accepted event's cost.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** No user accounts: API keys only (this also stops Spring Boot from generating a default password). */
    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }
}
