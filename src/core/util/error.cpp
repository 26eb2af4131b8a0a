#include "core/util/error.hpp"

namespace fluorosim {

std::string InputError::format(const SourceLocation& where, const std::string& message) {
    std::string out;
    if (!where.file.empty()) {
        out.append(where.file);
        if (where.line > 0) out.append(":").append(std::to_string(where.line));
        out.append(": ");
    }
    if (!where.field.empty()) out.append("'").append(where.field).append("': ");
    out.append(message);
    return out;
}

}  // namespace fluorosim
