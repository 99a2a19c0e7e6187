package io.enhancer.connector.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface BatchMapper {

  @Insert("INSERT INTO processing_jobs (id, status, total, options_json, created_by, created_at, updated_at) "
      + "VALUES (#{b.id}, #{b.status}, #{b.total}, #{b.optionsJson}, #{b.createdBy}, #{b.createdAt}, #{b.updatedAt})")
  void insert(@Param("b") BatchJob batch);

  @Select("SELECT * FROM processing_jobs WHERE id = #{id}")
  BatchJob find(@Param("id") String id);

  /** A queued item with the preset it was resolved from and the options its task carries (ResolvedOptions JSON). */
  @Insert("INSERT INTO job_items (job_id, image_id, task_id, status, preset, preset_version, resolved_options, "
      + "updated_at) VALUES (#{jobId}, #{imageId}, #{taskId}, 'queued', #{preset}, #{presetVersion}, #{resolved}, "
      + "#{now})")
  void insertItem(@Param("jobId") String jobId, @Param("imageId") long imageId, @Param("taskId") String taskId,
                  @Param("preset") String preset, @Param("presetVersion") Integer presetVersion,
                  @Param("resolved") String resolvedJson, @Param("now") Instant now);

  @Update("UPDATE job_items SET status = #{status}, error_reason = #{reason}, updated_at = #{now} "
      + "WHERE task_id = #{taskId}")
  int finishItem(@Param("taskId") String taskId, @Param("status") String status, @Param("reason") String reason,
                 @Param("now") Instant now);

  /** The failed items of a batch: image id and the ResolvedOptions JSON they were queued with (null before V4). */
  @Select("SELECT image_id, resolved_options FROM job_items WHERE job_id = #{jobId} AND status = 'failed' "
      + "ORDER BY image_id")
  List<FailedItem> failedItems(@Param("jobId") String jobId);

  record FailedItem(long imageId, String resolvedOptions) {}

  /** Points a failed item at a new task (retry within the same batch). */
  @Update("UPDATE job_items SET task_id = #{taskId}, status = 'queued', error_reason = NULL, preset = #{preset}, "
      + "preset_version = #{presetVersion}, resolved_options = #{resolved}, updated_at = #{now} "
      + "WHERE job_id = #{jobId} AND image_id = #{imageId} AND status = 'failed'")
  int requeueItem(@Param("jobId") String jobId, @Param("imageId") long imageId, @Param("taskId") String taskId,
                  @Param("preset") String preset, @Param("presetVersion") Integer presetVersion,
                  @Param("resolved") String resolvedJson, @Param("now") Instant now);

  /** The batch item of a failed task goes back to queued (its dead letter is being replayed). */
  @Update("UPDATE job_items SET status = 'queued', error_reason = NULL, updated_at = #{now} "
      + "WHERE task_id = #{taskId} AND status = 'failed'")
  int requeueTask(@Param("taskId") String taskId, @Param("now") Instant now);

  @Select("SELECT job_id FROM job_items WHERE task_id = #{taskId}")
  String jobOfTask(@Param("taskId") String taskId);

  @Select("SELECT status AS k, COUNT(*) AS n FROM job_items WHERE job_id = #{jobId} GROUP BY status")
  List<Map<String, Object>> itemCounts(@Param("jobId") String jobId);

  @Select("SELECT image_id, error_reason FROM job_items WHERE job_id = #{jobId} AND status = 'failed' ORDER BY image_id")
  List<Map<String, Object>> failures(@Param("jobId") String jobId);

  /** How many items were resolved from each preset version (a batch by product group may match several presets). */
  @Select("SELECT preset, preset_version, COUNT(*) AS n FROM job_items WHERE job_id = #{jobId} AND preset IS NOT NULL "
      + "GROUP BY preset, preset_version ORDER BY preset, preset_version")
  List<Map<String, Object>> presetsUsed(@Param("jobId") String jobId);

  @Update("UPDATE processing_jobs SET status = #{status}, updated_at = #{now} WHERE id = #{id}")
  int setStatus(@Param("id") String id, @Param("status") String status, @Param("now") Instant now);
}
