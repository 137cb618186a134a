package vn.lienthong.gateway.api;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's own refusals (no such path, method not served, …) and the servlet error page, as the gateway's
 * problem bodies. Never the request path nor Spring's detail, which repeats it: a lookup's path carries a personal ID.
 */
public final class HttpProblems {
    private static final Map<Integer, String> SLUGS = Map.of(400, "bad-request", 404, "not-found", 405, "method-not-allowed",
            406, "not-acceptable", 413, "too-large", 415, "unsupported-media-type");

    private HttpProblems() {
    }

    static ResponseEntity<Object> answer(HttpStatusCode status) {
        int code = status.value();
        HttpStatus known = HttpStatus.resolve(code);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = switch (code) {
            case 404 -> "no endpoint at this path (the API is described in /openapi.yaml)";
            case 405 -> "this path does not take this method (the API is described in /openapi.yaml)";
            default -> code >= 500 ? "the gateway failed unexpectedly and logged it" : "the request cannot be served as sent";
        };
        ObjectNode body = Problem.of(code, SLUGS.getOrDefault(code, code >= 500 ? "internal-error" : "http-" + code), title, detail);
        return ResponseEntity.status(code).contentType(MediaType.valueOf(Problem.MEDIA_TYPE)).body(body);
    }

    /** Replaces Spring Boot's problem details handler (spring.mvc.problemdetails). */
    @RestControllerAdvice
    static class Advice extends ResponseEntityExceptionHandler {
        @Override
        protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                              WebRequest request) {
            ResponseEntity<Object> answer = answer(status);
            HttpHeaders merged = new HttpHeaders();
            merged.addAll(headers);
            merged.setContentType(MediaType.valueOf(Problem.MEDIA_TYPE));
            return new ResponseEntity<>(answer.getBody(), merged, status);
        }
    }

    /** Tomcat's refusals before any servlet (its host's error report) as problems too: {@link ProblemErrorReportValve}. */
    @org.springframework.stereotype.Component
    static class TomcatErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }
    }

    /** Replaces Spring Boot's error page controller, whose JSON names the path. */
    @RestController
    static class ErrorPage implements ErrorController {
        @RequestMapping("${server.error.path:${error.path:/error}}")
        ResponseEntity<Object> error(HttpServletRequest request) {
            Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            int code = status instanceof Integer i ? i : 500;
            return answer(HttpStatusCode.valueOf(code < 400 ? 500 : code));
        }
    }
}
