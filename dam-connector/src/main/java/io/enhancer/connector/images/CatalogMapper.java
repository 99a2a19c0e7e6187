package io.enhancer.connector.images;

import java.time.Instant;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** product_groups and skus, created on first sight of their ids. */
@Mapper
public interface CatalogMapper {

  @Select("SELECT COUNT(*) > 0 FROM product_groups WHERE id = #{id}")
  boolean groupExists(@Param("id") String id);

  /** Whether the SKU exists and already belongs to {@code groupId} (null: to any group or none). */
  @Select("<script>SELECT COUNT(*) > 0 FROM skus WHERE id = #{id}"
      + "<if test='groupId != null'> AND product_group_id = #{groupId}</if></script>")
  boolean skuUpToDate(@Param("id") String id, @Param("groupId") String groupId);

  @Insert("INSERT INTO product_groups (id, created_at) VALUES (#{id}, #{now}) ON DUPLICATE KEY UPDATE id = id")
  void ensureGroup(@Param("id") String id, @Param("now") Instant now);

  @Insert("INSERT INTO skus (id, product_group_id, created_at) VALUES (#{id}, #{groupId}, #{now}) "
      + "ON DUPLICATE KEY UPDATE product_group_id = COALESCE(VALUES(product_group_id), product_group_id)")
  void ensureSku(@Param("id") String id, @Param("groupId") String groupId, @Param("now") Instant now);
}
