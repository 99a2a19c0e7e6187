package io.enhancer.connector.images;

import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface ImageMetricsMapper {

  @Insert("INSERT INTO image_metrics (image_id, rendition_id, width_before, height_before, width_after, "
      + "height_after, sharpness_before, sharpness_after, noise_before, noise_after, contrast_before, contrast_after, "
      + "processing_ms, report_json, created_at) VALUES (#{m.imageId}, #{m.renditionId}, #{m.widthBefore}, "
      + "#{m.heightBefore}, #{m.widthAfter}, #{m.heightAfter}, #{m.sharpnessBefore}, #{m.sharpnessAfter}, "
      + "#{m.noiseBefore}, #{m.noiseAfter}, #{m.contrastBefore}, #{m.contrastAfter}, #{m.processingMs}, "
      + "#{m.reportJson}, #{m.createdAt})")
  void insert(@Param("m") ImageMetricsRow metrics);

  @Select("SELECT * FROM image_metrics WHERE image_id = #{imageId} ORDER BY id")
  List<ImageMetricsRow> forImage(@Param("imageId") long imageId);

  @Select("SELECT AVG(sharpness_after - sharpness_before) AS sharpness, AVG(noise_before - noise_after) AS noise, "
      + "AVG(processing_ms) AS processing_ms, COUNT(*) AS n FROM image_metrics")
  Map<String, Object> averageImprovement();
}
