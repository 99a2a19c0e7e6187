package io.enhancer.connector.intake;

import java.time.Instant;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface WebhookEventMapper {

  /** 1 when the event is new, 0 when it was already recorded (MySQL and H2 both report ignored rows as 0). */
  @Insert("INSERT IGNORE INTO webhook_events (source, event_id, received_at) VALUES (#{source}, #{eventId}, #{at})")
  int insertIgnore(@Param("source") String source, @Param("eventId") String eventId, @Param("at") Instant at);

  @Delete("DELETE FROM webhook_events WHERE source = #{source} AND event_id = #{eventId}")
  int delete(@Param("source") String source, @Param("eventId") String eventId);
}
