package io.enhancer.connector.admin;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The newest batches with their item counts, for the admin UI's batch list. */
@Mapper
public interface RecentBatchesMapper {

  @Select("SELECT j.id, j.status, j.total, j.created_at, j.updated_at, "
      + "(SELECT COUNT(*) FROM job_items i WHERE i.job_id = j.id AND i.status = 'completed') AS completed, "
      + "(SELECT COUNT(*) FROM job_items i WHERE i.job_id = j.id AND i.status = 'failed') AS failed "
      + "FROM processing_jobs j ORDER BY j.created_at DESC LIMIT #{limit}")
  List<BatchSummary> recent(@Param("limit") int limit);

  record BatchSummary(String id, String status, Integer total, Instant createdAt, Instant updatedAt, Long completed,
                      Long failed) {}
}
