package io.enhancer.connector.enhance;

import io.enhancer.connector.admission.AdmittedEnhancer;
import io.enhancer.connector.api.ApiException;
import io.enhancer.connector.dam.FetchException;
import io.enhancer.connector.dam.HttpOriginFetcher;
import io.enhancer.connector.dam.ImageSignature;
import io.enhancer.connector.presets.OptionsResolver;
import io.enhancer.connector.security.AllowedRoles;
import io.enhancer.connector.security.ApiKeyFilter;
import io.enhancer.connector.security.Role;
import io.enhancer.engine.api.EnhanceResult;
import io.enhancer.engine.api.ReportJson;
import io.enhancer.engine.options.EnhanceOptions;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Real-time enhancement: the engine runs in the request, once the admission gate grants a slot (503 with
 * Retry-After when none comes free in time); fetching an image_url happens before, holding no slot. Answers the image, or JSON with the report (and the
 * image as base64) when the caller asks for JSON ({@code Accept: application/json} or {@code ?response=json}).
 */
@RestController
@RequestMapping("/api/v1/enhance")
@AllowedRoles(Role.INTEGRATION)
class EnhanceController {
  private static final Set<String> NOT_OPTIONS = Set.of("response", "preset", "image_url", "file");
  private final AdmittedEnhancer enhancer;
  private final OptionsResolver options;
  private final HttpOriginFetcher fetcher;
  private final RateLimiter rateLimiter;

  EnhanceController(AdmittedEnhancer enhancer, OptionsResolver options, HttpOriginFetcher fetcher, RateLimiter rateLimiter) {
    this.enhancer = enhancer;
    this.options = options;
    this.fetcher = fetcher;
    this.rateLimiter = rateLimiter;
  }

  @PostMapping(path = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<?> upload(@RequestPart("file") MultipartFile file, @RequestParam Map<String, String> form,
                           HttpServletRequest request) throws IOException {
    rateLimiter.acquire((String) request.getAttribute(ApiKeyFilter.KEY_ATTRIBUTE));
    Map<String, Object> requested = new HashMap<>(form);
    EnhanceOptions resolved = options.resolve(form.get("preset"), null, null, withoutControlFields(requested));
    EnhanceResult result = enhancer.enhanceNow(file.getBytes(), resolved);
    return answer(result, resolved, wantsJson(form.get("response"), request));
  }

  @PostMapping(path = "/url", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> url(@RequestBody Map<String, Object> body, HttpServletRequest request) {
    rateLimiter.acquire((String) request.getAttribute(ApiKeyFilter.KEY_ATTRIBUTE));
    Object url = body.get("image_url");
    if (!(url instanceof String s) || s.isBlank()) throw ApiException.badRequest("image_url is required");
    EnhanceOptions resolved = options.resolve((String) body.get("preset"), null, null,
        withoutControlFields(new HashMap<>(body)));
    byte[] original;
    try {
      original = fetcher.fetch(s);
    } catch (FetchException e) {
      HttpStatus status = e.code().equals("fetch_timeout") ? HttpStatus.GATEWAY_TIMEOUT
          : e.retryable() ? HttpStatus.BAD_GATEWAY : HttpStatus.UNPROCESSABLE_ENTITY;
      throw new ApiException(status, e.code(), e.getMessage());
    }
    EnhanceResult result = enhancer.enhanceNow(original, resolved);
    Object response = body.get("response");
    return answer(result, resolved, wantsJson(response == null ? null : response.toString(), request));
  }

  private static Map<String, Object> withoutControlFields(Map<String, Object> fields) {
    fields.keySet().removeAll(NOT_OPTIONS);
    return fields;
  }

  private static boolean wantsJson(String response, HttpServletRequest request) {
    if (response != null) return response.equalsIgnoreCase("json");
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    return accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE) && !accept.contains("image/");
  }

  private static ResponseEntity<?> answer(EnhanceResult result, EnhanceOptions resolved, boolean json) {
    if (json) {
      String body = "{\"image_base64\":\"" + Base64.getEncoder().encodeToString(result.image())
          + "\",\"media_type\":\"" + ImageSignature.mediaType(result.image()) + "\",\"report\":" + ReportJson.write(result.report())
          + "}";
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(ImageSignature.mediaType(result.image())))
        .header("X-Enhancer-Qc-Score", String.format(Locale.ROOT, "%.1f", result.report().qcScore()))
        .header("X-Enhancer-Qc-Status", result.report().qcStatus().id())
        .body(result.image());
  }
}
