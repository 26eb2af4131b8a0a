#pragma once
// The session database's layouts and the migrations between them (PRAGMA user_version).
// Version 1 is kept as DDL text: it is where the migration to version 2 starts, and tests build
// version-1 files from it.
#include <string>

struct sqlite3;

namespace fluorosim::io {

extern const char* const k_schema_v1;  // the first layout (no images, mode, writer pid or figures)

// A random (version 4) UUID for a new attempt.
std::string new_uuid();

// Creates the current layout in an empty database (user_version 0: version 1, then the
// migrations, so new and migrated files are alike) or migrates an older one.
// Throws InputError naming `file` for a database from a newer FluoroSim.
void migrate(sqlite3* db, const std::string& file, int current_version);

}  // namespace fluorosim::io
