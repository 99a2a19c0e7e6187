package io.enhancer.connector.presets;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface PresetMapper {

  @Insert("INSERT INTO enhancement_configs (name, category, sku_id, product_group_id, options_json, version, "
      + "created_at, updated_at) VALUES (#{p.name}, #{p.category}, #{p.skuId}, #{p.productGroupId}, #{p.optionsJson}, 1, "
      + "#{now}, #{now})")
  void insert(@Param("p") Preset preset, @Param("now") Instant now);

  /** Every update is a new version of the preset. */
  @Update("UPDATE enhancement_configs SET name = #{p.name}, category = #{p.category}, sku_id = #{p.skuId}, "
      + "product_group_id = #{p.productGroupId}, options_json = #{p.optionsJson}, version = version + 1, "
      + "updated_at = #{now} WHERE id = #{id}")
  int update(@Param("id") long id, @Param("p") Preset preset, @Param("now") Instant now);

  @Delete("DELETE FROM enhancement_configs WHERE id = #{id}")
  int delete(@Param("id") long id);

  @Select("SELECT * FROM enhancement_configs WHERE id = #{id}")
  Preset find(@Param("id") long id);

  @Select("SELECT * FROM enhancement_configs WHERE name = #{name}")
  Preset findByName(@Param("name") String name);

  @Select("SELECT * FROM enhancement_configs ORDER BY name")
  List<Preset> all();

  /** The most specific preset for an image: its SKU's, else its product group's. */
  @Select("SELECT * FROM enhancement_configs WHERE (sku_id IS NOT NULL AND sku_id = #{skuId}) "
      + "OR (sku_id IS NULL AND product_group_id IS NOT NULL AND product_group_id = #{groupId}) "
      + "ORDER BY CASE WHEN sku_id IS NOT NULL THEN 0 ELSE 1 END LIMIT 1")
  Preset forImage(@Param("skuId") String skuId, @Param("groupId") String groupId);
}
