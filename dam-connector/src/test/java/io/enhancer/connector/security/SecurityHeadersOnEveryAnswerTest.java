package io.enhancer.connector.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every answer, the admin UI's pages and scripts, API JSON, refusals and 404s alike, carries a CSP that allows no
 * inline script (so injected markup cannot run), no framing (clickjacking), no MIME sniffing and no referrer; and the
 * admin UI itself needs nothing that CSP forbids: no inline scripts, on*= handlers or style attributes.
 */
class SecurityHeadersOnEveryAnswerTest extends SecuredServiceContext {

  @Test
  void adminUiApiRefusalsAndNotFoundsAllCarryTheSecurityHeaders() {
    record Case(String path, String key, int status, String type) {}
    List<Case> cases = List.of(
        new Case("/admin/index.html", null, 200, "text/html"),
        new Case("/admin/js/app.js", null, 200, "javascript"),
        new Case("/api/v1/images", ADMIN_KEY, 200, "application/json"),
        new Case("/api/v1/images", null, 401, "application/json"),
        new Case("/api/v1/no-such-endpoint", ADMIN_KEY, 404, "application/json"),
        new Case("/admin/no-such-page.html", null, 404, "application/json"),
        new Case("/no-such-path", null, 404, "application/json"));
    for (Case c : cases) {
      HttpResponse<String> r = get(c.path(), c.key());
      assertThat(r.statusCode()).as(c.path()).isEqualTo(c.status());
      assertThat(r.headers().firstValue("Content-Type").orElse("")).as(c.path()).contains(c.type());
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(csp).as(c.path()).contains("default-src 'self'", "script-src 'self'", "object-src 'none'",
          "frame-ancestors 'none'", "base-uri 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(c.path()).hasValue("nosniff");
      assertThat(r.headers().firstValue("X-Frame-Options")).as(c.path()).hasValue("DENY");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(c.path()).hasValue("no-referrer");
    }
  }

  @Test
  void swaggerUiMayUseInlineStylesButItsScriptsStaySelfOnly() {
    HttpResponse<String> page = get("/swagger-ui/index.html", null);
    assertThat(page.statusCode()).isEqualTo(200);
    String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
    assertThat(csp).contains("script-src 'self';", "style-src 'self' 'unsafe-inline'", "frame-ancestors 'none'");
    assertThat(get("/admin/index.html", null).headers().firstValue("Content-Security-Policy").orElse(""))
        .doesNotContain("unsafe-inline");
  }

  @Test
  void adminUiHasNoInlineScriptHandlerOrStyleThePolicyWouldBlock() throws IOException {
    Path ui = Path.of("../admin-ui").toAbsolutePath().normalize();
    Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    Pattern handler = Pattern.compile("<[a-z][^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    Pattern styleAttribute = Pattern.compile("<[a-z][^>]*\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);
    Pattern styleElement = Pattern.compile("<style[\\s>]", Pattern.CASE_INSENSITIVE);
    Pattern jsUrl = Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(ui)) {
      files = walk.filter(f -> f.toString().endsWith(".html") || f.toString().endsWith(".js"))
          .filter(f -> !f.toString().contains("node_modules")).toList();
    }
    assertThat(files).as("admin UI files").hasSizeGreaterThan(5);
    for (Path f : files) {
      String text = Files.readString(f);
      for (Pattern p : List.of(inlineScript, handler, styleAttribute, styleElement, jsUrl)) {
        assertThat(p.matcher(text).find()).as(ui.relativize(f) + " matches " + p).isFalse();
      }
    }
  }
}
