-- Which version of its preset a rendition was made with (a stored preset's row version, 0 for a built-in one), as
-- batch items record it since V4, so an edited preset never leaves a rendition unexplained. Null without a preset
-- and for renditions made before this version.
ALTER TABLE renditions ADD COLUMN preset_version INT;
