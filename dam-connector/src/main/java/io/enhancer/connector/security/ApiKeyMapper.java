package io.enhancer.connector.security;

import java.time.Instant;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface ApiKeyMapper {

  @Insert("INSERT INTO api_keys (name, key_prefix, key_hash, role, created_at) "
      + "VALUES (#{name}, #{prefix}, #{hash}, #{role}, #{now}) ON DUPLICATE KEY UPDATE role = VALUES(role)")
  void upsert(@Param("name") String name, @Param("prefix") String prefix, @Param("hash") String hash,
              @Param("role") String role, @Param("now") Instant now);

  @Select("SELECT * FROM api_keys WHERE key_hash = #{hash} AND revoked_at IS NULL")
  ApiKeyRow findActive(@Param("hash") String hash);

  @Select("SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL")
  long countActive();
}
