package io.enhancer.connector.importing;

import io.enhancer.connector.security.AllowedRoles;
import io.enhancer.connector.security.Role;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/import")
@AllowedRoles(Role.INTEGRATION)
class ImportController {
  private final ImportService imports;

  ImportController(ImportService imports) {
    this.imports = imports;
  }

  /** Body: {@code {"images": [...], "enhance": false}}; with enhance true every imported image is queued at once. */
  @PostMapping
  ImportReport importImages(@RequestBody ImportRequest request) {
    return imports.importRows(request.images(), Boolean.TRUE.equals(request.enhance()));
  }

  record ImportRequest(List<ImportRow> images, Boolean enhance) {}
}
