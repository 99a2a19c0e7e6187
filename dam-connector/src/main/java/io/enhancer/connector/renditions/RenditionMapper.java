package io.enhancer.connector.renditions;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface RenditionMapper {
  String COLUMNS = "id, image_id, version, task_id, storage_key, media_type, width, height, bytes, qc_score, "
      + "qc_status, preset, preset_version, selected, created_at";

  @Insert("INSERT INTO renditions (image_id, version, task_id, storage_key, media_type, width, height, bytes, "
      + "qc_score, qc_status, preset, preset_version, selected, created_at) VALUES (#{r.imageId}, #{r.version}, "
      + "#{r.taskId}, #{r.storageKey}, #{r.mediaType}, #{r.width}, #{r.height}, #{r.bytes}, #{r.qcScore}, "
      + "#{r.qcStatus}, #{r.preset}, #{r.presetVersion}, #{r.selected}, #{r.createdAt})")
  void insert(@Param("r") Rendition rendition);

  @Select("SELECT " + COLUMNS + " FROM renditions WHERE task_id = #{taskId}")
  Rendition findByTask(@Param("taskId") String taskId);

  @Select("SELECT " + COLUMNS + " FROM renditions WHERE id = #{id}")
  Rendition find(@Param("id") long id);

  @Select("SELECT " + COLUMNS + " FROM renditions WHERE image_id = #{imageId} ORDER BY version")
  List<Rendition> forImage(@Param("imageId") long imageId);

  @Select("SELECT COALESCE(MAX(version), 0) FROM renditions WHERE image_id = #{imageId}")
  int latestVersion(@Param("imageId") long imageId);

  @Update("UPDATE renditions SET selected = CASE WHEN id = #{renditionId} THEN TRUE ELSE FALSE END WHERE image_id = #{imageId}")
  void selectOnly(@Param("imageId") long imageId, @Param("renditionId") Long renditionId);
}
