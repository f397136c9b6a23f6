-- The company's logo (optional), printed in the letterhead of every page of every document: the file as
-- the user chose it (PNG or JPEG, checked by the app before it comes here: it decodes, at most 1 MB, 16 to
-- 4000 pixels a side), its media type and its size in pixels. One row at most: a new logo replaces the old,
-- « Retirer le logo » deletes it. Backups carry it with the rest of the database.

CREATE TABLE company_logo (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    media_type  TEXT NOT NULL CHECK (media_type IN ('image/png', 'image/jpeg')),
    bytes       BLOB NOT NULL CHECK (length(bytes) BETWEEN 1 AND 1048576),
    width       INTEGER NOT NULL CHECK (width BETWEEN 16 AND 4000),
    height      INTEGER NOT NULL CHECK (height BETWEEN 16 AND 4000),
    updated_at  TEXT NOT NULL
) STRICT;
