package io.enhancer.connector.enhance;

import io.enhancer.connector.admission.AdmittedEnhancer;
import io.enhancer.connector.api.ApiException;
import io.enhancer.connector.dam.FetchException;
import io.enhancer.connector.dam.HttpOriginFetcher;
import io.enhancer.connector.dam.ImageSignature;
import io.enhancer.connector.presets.OptionsResolver;
import io.enhancer.connector.presets.ResolvedOptions;
import io.enhancer.connector.security.AllowedRoles;
import io.enhancer.connector.security.ApiKeyFilter;
import io.enhancer.connector.security.Role;
import io.enhancer.engine.api.EnhanceResult;
import io.enhancer.engine.api.ReportJson;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import tools.jackson.databind.json.JsonMapper;

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
  private final JsonMapper json;

  EnhanceController(AdmittedEnhancer enhancer, OptionsResolver options, HttpOriginFetcher fetcher, RateLimiter rateLimiter,
                    JsonMapper json) {
    this.enhancer = enhancer;
    this.options = options;
    this.fetcher = fetcher;
    this.rateLimiter = rateLimiter;
    this.json = json;
  }

  @PostMapping(path = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<?> upload(@RequestPart("file") MultipartFile file, @RequestParam Map<String, String> form,
                           HttpServletRequest request) throws IOException {
    rateLimiter.acquire((String) request.getAttribute(ApiKeyFilter.KEY_ATTRIBUTE));
    Map<String, Object> requested = new HashMap<>(form);
    ResolvedOptions resolved = options.snapshot(form.get("preset"), null, null, withoutControlFields(requested));
    EnhanceResult result = enhancer.enhanceNow(file.getBytes(), resolved.toOptions());
    return answer(result, resolved, wantsJson(form.get("response"), request));
  }

  @PostMapping(path = "/url", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> url(@RequestBody Map<String, Object> body, HttpServletRequest request) {
    rateLimiter.acquire((String) request.getAttribute(ApiKeyFilter.KEY_ATTRIBUTE));
    Object url = body.get("image_url");
    if (!(url instanceof String s) || s.isBlank()) throw ApiException.badRequest("image_url is required");
    ResolvedOptions resolved = options.snapshot((String) body.get("preset"), null, null,
        withoutControlFields(new HashMap<>(body)));
    byte[] original;
    try {
      original = fetcher.fetch(s);
    } catch (FetchException e) {
      HttpStatus status = e.code().equals("fetch_timeout") ? HttpStatus.GATEWAY_TIMEOUT
          : e.retryable() ? HttpStatus.BAD_GATEWAY : HttpStatus.UNPROCESSABLE_ENTITY;
      throw new ApiException(status, e.code(), e.getMessage());
    }
    EnhanceResult result = enhancer.enhanceNow(original, resolved.toOptions());
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

  /**
   * The image, or JSON with it; either way naming the preset and its version when one was used (headers
   * {@code X-Enhancer-Preset} and {@code X-Enhancer-Preset-Version}, fields {@code preset} and
   * {@code preset_version}), as a queued job records them: nothing of a real-time answer is stored, so the answer
   * itself says which version of an edited preset made it.
   */
  private ResponseEntity<?> answer(EnhanceResult result, ResolvedOptions resolved, boolean wantsJson) {
    if (wantsJson) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("image_base64", Base64.getEncoder().encodeToString(result.image()));
      fields.put("media_type", ImageSignature.mediaType(result.image()));
      if (resolved.preset() != null) {
        fields.put("preset", resolved.preset());
        fields.put("preset_version", resolved.presetVersion());
      }
      String head = json.writeValueAsString(fields);
      // the report is the engine's own JSON (ReportJson), spliced in as it is written for jobs and the CLI
      String body = head.substring(0, head.length() - 1) + ",\"report\":" + ReportJson.write(result.report()) + "}";
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
    ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(ImageSignature.mediaType(result.image())))
        .header("X-Enhancer-Qc-Score", String.format(Locale.ROOT, "%.1f", result.report().qcScore()))
        .header("X-Enhancer-Qc-Status", result.report().qcStatus().id());
    if (resolved.preset() != null) {
      answer.header("X-Enhancer-Preset", resolved.preset())
          .header("X-Enhancer-Preset-Version", String.valueOf(resolved.presetVersion()));
    }
    return answer.body(result.image());
  }
}
