package vn.lienthong.gateway.api;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own refusals (a path with an encoded NUL, CR/LF or backslash, a malformed request line), made before any
 * servlet runs, answered as the gateway's problem body instead of Tomcat's HTML page. Never the path.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String body = Problem.of(status, status >= 500 ? "internal-error" : "bad-request",
                known == null ? "Error" : known.getReasonPhrase(),
                status >= 500 ? "the gateway failed unexpectedly" : "the request cannot be served as sent").toString();
        try {
            response.setContentType(Problem.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            Writer w = response.getReporter();
            if (w != null) {
                w.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the answer was already on its way
        }
    }
}
