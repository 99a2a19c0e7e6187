package io.enhancer.connector.review;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface ReviewLogMapper {

  @Insert("INSERT INTO qc_review_logs (image_id, reviewer_id, decision, previous_qc_status, rework_preset, notes, "
      + "created_at) VALUES (#{r.imageId}, #{r.reviewerId}, #{r.decision}, #{r.previousQcStatus}, #{r.reworkPreset}, "
      + "#{r.notes}, #{r.createdAt})")
  void insert(@Param("r") ReviewLog log);

  @Select("SELECT * FROM qc_review_logs WHERE image_id = #{imageId} ORDER BY id")
  List<ReviewLog> forImage(@Param("imageId") long imageId);
}
