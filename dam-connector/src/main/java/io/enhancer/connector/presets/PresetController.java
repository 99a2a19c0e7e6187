package io.enhancer.connector.presets;

import io.enhancer.connector.api.ApiException;
import io.enhancer.connector.security.AllowedRoles;
import io.enhancer.connector.security.Role;
import io.enhancer.engine.options.Presets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Presets (enhancement_configs): named, validated option sets per category, SKU or product group. Admin writes.
 * The listing also shows the engine's built-in presets ({@code built_in: true}, no id); a stored preset with a
 * built-in's name overrides it ({@code overrides_built_in: true}) and the built-in is then not listed.
 */
@RestController
@RequestMapping("/api/v1/configs")
class PresetController {
  private final PresetMapper presets;
  private final OptionsResolver options;
  private final Clock clock;

  PresetController(PresetMapper presets, OptionsResolver options, Clock clock) {
    this.presets = presets;
    this.options = options;
    this.clock = clock;
  }

  @GetMapping
  @AllowedRoles({Role.REVIEWER, Role.INTEGRATION})
  List<PresetView> list() {
    List<PresetView> all = new ArrayList<>(presets.all().stream().map(this::view).toList());
    Set<String> stored = all.stream().map(PresetView::name).collect(Collectors.toSet());
    Presets builtIn = options.builtIn();
    for (String name : builtIn.names()) {
      if (!stored.contains(name)) {
        all.add(new PresetView(null, name, null, null, null, builtIn.definition(name),
            ResolvedOptions.BUILT_IN_VERSION, null, null, true, false));
      }
    }
    return all;
  }

  @GetMapping("/{id}")
  @AllowedRoles({Role.REVIEWER, Role.INTEGRATION})
  PresetView get(@PathVariable long id) {
    return view(find(id));
  }

  @PostMapping
  ResponseEntity<PresetView> create(@RequestBody PresetRequest request) {
    Preset preset = validated(request);
    try {
      presets.insert(preset, clock.instant());
    } catch (DuplicateKeyException e) {
      throw new ApiException(HttpStatus.CONFLICT, "conflict", "a preset named '" + request.name() + "' exists");
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(view(presets.findByName(request.name())));
  }

  @PutMapping("/{id}")
  PresetView update(@PathVariable long id, @RequestBody PresetRequest request) {
    find(id);
    try {
      presets.update(id, validated(request), clock.instant());
    } catch (DuplicateKeyException e) {
      throw new ApiException(HttpStatus.CONFLICT, "conflict", "a preset named '" + request.name() + "' exists");
    }
    return view(find(id));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable long id) {
    if (presets.delete(id) == 0) throw ApiException.notFound("preset " + id);
    return ResponseEntity.noContent().build();
  }

  private Preset find(long id) {
    Preset p = presets.find(id);
    if (p == null) throw ApiException.notFound("preset " + id);
    return p;
  }

  private Preset validated(PresetRequest r) {
    if (r.name() == null || !r.name().matches("[A-Za-z0-9 _.-]{1,128}")) {
      throw ApiException.badRequest("name must be 1..128 letters, digits, space, '_', '.', '-'; got '" + r.name() + "'");
    }
    Map<String, Object> opts = r.options() == null ? Map.of() : r.options();
    options.resolve(null, null, null, opts);
    return new Preset(null, r.name(), r.category(), r.skuId(), r.productGroupId(), options.write(opts), null, null,
        null);
  }

  private PresetView view(Preset p) {
    return new PresetView(p.id(), p.name(), p.category(), p.skuId(), p.productGroupId(), options.parse(p.optionsJson()),
        p.version(), p.createdAt(), p.updatedAt(), false, options.builtIn().has(p.name()));
  }

  record PresetRequest(String name, String category, String skuId, String productGroupId, Map<String, Object> options) {}

  /**
   * @param version          1 when created, one more on every update (0 for a built-in); jobs record the version
   *                         they were resolved from
   * @param builtIn          one of the engine's presets, not stored (no id; create a preset of its name to change it)
   * @param overridesBuiltIn a stored preset whose name is a built-in's: requests naming it get this one
   */
  record PresetView(Long id, String name, String category, String skuId, String productGroupId,
                    Map<String, Object> options, Integer version, Instant createdAt, Instant updatedAt, boolean builtIn,
                    boolean overridesBuiltIn) {}
}
