package io.enhancer.connector.images;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.ResultMap;
import org.apache.ibatis.annotations.Results;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.apache.ibatis.annotations.Insert;

@Mapper
public interface ImageMapper {

  String COLUMNS = "id, source, asset_id, sku_id, product_group_id, image_type, image_url, dam_reference, "
      + "enhanced_image_url, status, qc_status, qc_score, error_code, error_reason, selected_rendition_id, "
      + "current_task_id, last_event_id, created_at, updated_at";

  String FILTER = "<where>"
      + "<if test='f.skuId != null'>AND sku_id = #{f.skuId}</if>"
      + "<if test='f.productGroupId != null'>AND product_group_id = #{f.productGroupId}</if>"
      + "<if test='f.status != null'>AND status = #{f.status}</if>"
      + "<if test='f.qcStatus != null'>AND qc_status = #{f.qcStatus}</if>"
      + "</where>";

  /** Registers an asset, or refreshes its metadata when the same source+asset comes again. */
  @Insert("INSERT INTO product_images (source, asset_id, sku_id, product_group_id, image_type, image_url, "
      + "dam_reference, status, qc_status, created_at, updated_at) VALUES (#{source}, #{assetId}, #{skuId}, "
      + "#{productGroupId}, #{imageType}, #{imageUrl}, #{damReference}, 'pending', 'pending', #{now}, #{now}) "
      + "ON DUPLICATE KEY UPDATE sku_id = COALESCE(VALUES(sku_id), sku_id), "
      + "product_group_id = COALESCE(VALUES(product_group_id), product_group_id), "
      + "image_type = COALESCE(VALUES(image_type), image_type), image_url = COALESCE(VALUES(image_url), image_url), "
      + "dam_reference = COALESCE(VALUES(dam_reference), dam_reference), updated_at = VALUES(updated_at)")
  void upsert(@Param("source") String source, @Param("assetId") String assetId, @Param("skuId") String skuId,
              @Param("productGroupId") String productGroupId, @Param("imageType") String imageType,
              @Param("imageUrl") String imageUrl, @Param("damReference") String damReference,
              @Param("now") Instant now);

  /**
   * Rows mapped by position onto ProductImage's constructor: MyBatis's name-based constructor auto-mapping matched
   * every column against every parameter name on every row (an eighth of the webhook intake's commit thread).
   */
  @Select("SELECT " + COLUMNS + " FROM product_images WHERE source = #{source} AND asset_id = #{assetId}")
  @ConstructorArgs({
      @Arg(column = "id", javaType = Long.class),
      @Arg(column = "source", javaType = String.class),
      @Arg(column = "asset_id", javaType = String.class),
      @Arg(column = "sku_id", javaType = String.class),
      @Arg(column = "product_group_id", javaType = String.class),
      @Arg(column = "image_type", javaType = String.class),
      @Arg(column = "image_url", javaType = String.class),
      @Arg(column = "dam_reference", javaType = String.class),
      @Arg(column = "enhanced_image_url", javaType = String.class),
      @Arg(column = "status", javaType = String.class),
      @Arg(column = "qc_status", javaType = String.class),
      @Arg(column = "qc_score", javaType = Double.class),
      @Arg(column = "error_code", javaType = String.class),
      @Arg(column = "error_reason", javaType = String.class),
      @Arg(column = "selected_rendition_id", javaType = Long.class),
      @Arg(column = "current_task_id", javaType = String.class),
      @Arg(column = "last_event_id", javaType = String.class),
      @Arg(column = "created_at", javaType = Instant.class),
      @Arg(column = "updated_at", javaType = Instant.class)})
  @Results(id = "productImage")
  ProductImage findByAsset(@Param("source") String source, @Param("assetId") String assetId);

  @Select("SELECT " + COLUMNS + " FROM product_images WHERE id = #{id}")
  @ResultMap("productImage")
  ProductImage find(@Param("id") long id);

  @Select("<script>SELECT " + COLUMNS + " FROM product_images " + FILTER
      + " ORDER BY id LIMIT #{f.limit} OFFSET #{f.offset}</script>")
  @ResultMap("productImage")
  List<ProductImage> search(@Param("f") ImageFilter filter);

  @Select("<script>SELECT COUNT(*) FROM product_images " + FILTER + "</script>")
  long count(@Param("f") ImageFilter filter);

  @Select("<script>SELECT id FROM product_images <where>"
      + "<if test='skuId != null'>AND sku_id = #{skuId}</if>"
      + "<if test='productGroupId != null'>AND product_group_id = #{productGroupId}</if>"
      + "<if test='ids != null and ids.size() > 0'>AND id IN "
      + "<foreach item='i' collection='ids' open='(' separator=',' close=')'>#{i}</foreach></if>"
      + "</where> ORDER BY id</script>")
  List<Long> selectIds(@Param("skuId") String skuId, @Param("productGroupId") String productGroupId,
                       @Param("ids") List<Long> ids);

  /** Hands the image to a new task; the worker only runs the task the row names. */
  @Update("UPDATE product_images SET status = 'pending', current_task_id = #{taskId}, error_code = NULL, "
      + "error_reason = NULL, updated_at = #{now} WHERE id = #{id}")
  int assignTask(@Param("id") long id, @Param("taskId") String taskId, @Param("now") Instant now);

  /** As {@link #assignTask}, also recording the event that asked for it (the same event again queues nothing). */
  @Update("UPDATE product_images SET status = 'pending', current_task_id = #{taskId}, error_code = NULL, "
      + "error_reason = NULL, last_event_id = #{eventId}, updated_at = #{now} WHERE id = #{id}")
  int assignTaskForEvent(@Param("id") long id, @Param("taskId") String taskId, @Param("eventId") String eventId,
                         @Param("now") Instant now);

  /**
   * Puts a failed image back in the queue for the same task (a dead letter being replayed); 0 when the image has
   * moved on since (another task, or no longer failed), so a replay never races a newer job.
   */
  @Update("UPDATE product_images SET status = 'pending', error_code = NULL, error_reason = NULL, updated_at = #{now} "
      + "WHERE id = #{id} AND current_task_id = #{taskId} AND status = 'failed'")
  int requeueFailedTask(@Param("id") long id, @Param("taskId") String taskId, @Param("now") Instant now);

  @Update("UPDATE product_images SET status = 'processing', updated_at = #{now} "
      + "WHERE id = #{id} AND current_task_id = #{taskId}")
  int markProcessing(@Param("id") long id, @Param("taskId") String taskId, @Param("now") Instant now);

  @Update("UPDATE product_images SET status = 'completed', qc_status = #{qcStatus}, qc_score = #{qcScore}, "
      + "selected_rendition_id = #{renditionId}, enhanced_image_url = #{enhancedUrl}, error_code = NULL, "
      + "error_reason = NULL, updated_at = #{now} WHERE id = #{id}")
  int markCompleted(@Param("id") long id, @Param("qcStatus") String qcStatus, @Param("qcScore") double qcScore,
                    @Param("renditionId") long renditionId, @Param("enhancedUrl") String enhancedUrl,
                    @Param("now") Instant now);

  @Update("UPDATE product_images SET status = 'failed', error_code = #{code}, error_reason = #{reason}, "
      + "updated_at = #{now} WHERE id = #{id} AND current_task_id = #{taskId}")
  int markFailed(@Param("id") long id, @Param("taskId") String taskId, @Param("code") String code,
                 @Param("reason") String reason, @Param("now") Instant now);

  @Update("UPDATE product_images SET qc_status = #{qcStatus}, updated_at = #{now} WHERE id = #{id}")
  int setQcStatus(@Param("id") long id, @Param("qcStatus") String qcStatus, @Param("now") Instant now);

  @Update("UPDATE product_images SET selected_rendition_id = #{renditionId}, enhanced_image_url = #{enhancedUrl}, "
      + "updated_at = #{now} WHERE id = #{id}")
  int select(@Param("id") long id, @Param("renditionId") Long renditionId, @Param("enhancedUrl") String enhancedUrl,
             @Param("now") Instant now);

  @Select("SELECT status AS k, COUNT(*) AS n FROM product_images GROUP BY status")
  List<Map<String, Object>> countByStatus();

  @Select("SELECT qc_status AS k, COUNT(*) AS n FROM product_images GROUP BY qc_status")
  List<Map<String, Object>> countByQcStatus();

  @Select("SELECT error_code AS k, COUNT(*) AS n FROM product_images WHERE status = 'failed' GROUP BY error_code")
  List<Map<String, Object>> failuresByCode();

  @Select("SELECT AVG(qc_score) FROM product_images WHERE qc_score IS NOT NULL")
  Double averageQcScore();
}
