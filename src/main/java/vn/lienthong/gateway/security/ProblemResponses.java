package vn.lienthong.gateway.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import vn.lienthong.gateway.api.Problem;

/** Writes 401 and 403 answers as problem+json, like every other refusal of the gateway. */
public class ProblemResponses {
    public void write(HttpServletResponse response, int status, String slug, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "ApiKey");
        }
        response.getWriter().write(Problem.of(status, slug, title, detail).toString());
    }
}
