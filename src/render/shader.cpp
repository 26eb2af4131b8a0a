#include "render/shader.hpp"

#include <fstream>
#include <regex>
#include <sstream>

#include <glm/gtc/type_ptr.hpp>

#include "core/util/error.hpp"
#include "core/util/paths.hpp"

namespace fluorosim::render {
namespace fs = std::filesystem;

namespace {

GLenum stage_of(const fs::path& file) {
    const auto ext = file.extension().string();
    if (ext == ".vert") return GL_VERTEX_SHADER;
    if (ext == ".frag") return GL_FRAGMENT_SHADER;
    if (ext == ".geom") return GL_GEOMETRY_SHADER;
    if (ext == ".comp") return GL_COMPUTE_SHADER;
    throw InputError({file.string(), 0, ""}, "unknown shader stage (expected .vert, .frag, .geom or .comp)");
}

std::string read_text(const fs::path& file) {
    std::ifstream in(file);
    if (!in) throw InputError({file.string(), 0, ""}, "cannot open shader file");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string info_log(GLuint object, bool program) {
    GLint length = 0;
    program ? glGetProgramiv(object, GL_INFO_LOG_LENGTH, &length)
            : glGetShaderiv(object, GL_INFO_LOG_LENGTH, &length);
    std::string log(std::size_t(std::max(length, 1)), '\0');
    program ? glGetProgramInfoLog(object, length, nullptr, log.data())
            : glGetShaderInfoLog(object, length, nullptr, log.data());
    while (!log.empty() && (log.back() == '\0' || log.back() == '\n')) log.pop_back();
    return log;
}

}  // namespace

std::string attribute_log_to_file(const std::string& log, const std::string& file) {
    // Mesa: "0:12(5): error: ..."   NVIDIA: "0(12) : error C1008: ..."
    static const std::regex mesa(R"(^\s*\d+:(\d+)\((\d+)\):\s*(.*)$)");
    static const std::regex nvidia(R"(^\s*\d+\((\d+)\)\s*:\s*(.*)$)");
    std::istringstream in(log);
    std::string line, out;
    while (std::getline(in, line)) {
        std::smatch m;
        if (std::regex_match(line, m, mesa))
            out += file + ":" + m[1].str() + ":" + m[2].str() + ": " + m[3].str();
        else if (std::regex_match(line, m, nvidia))
            out += file + ":" + m[1].str() + ": " + m[2].str();
        else if (!line.empty())
            out += file + ": " + line;
        else
            continue;
        out += '\n';
    }
    if (!out.empty()) out.pop_back();
    return out;
}

ShaderProgram ShaderProgram::from_files(const std::vector<fs::path>& files) {
    std::vector<std::pair<GLenum, std::string>> stages;
    std::vector<std::string> names;
    for (const auto& f : files) {
        const fs::path path = f.is_absolute() ? f : paths::shader_dir() / f;
        stages.emplace_back(stage_of(path), read_text(path));
        names.push_back(path.string());
    }
    return from_sources(stages, names);
}

ShaderProgram ShaderProgram::from_sources(const std::vector<std::pair<GLenum, std::string>>& stages,
                                          const std::vector<std::string>& names) {
    ShaderProgram program;
    program.id_ = glCreateProgram();
    std::vector<GLuint> shaders;
    for (std::size_t i = 0; i < stages.size(); ++i) {
        const GLuint s = glCreateShader(stages[i].first);
        const char* src = stages[i].second.c_str();
        glShaderSource(s, 1, &src, nullptr);
        glCompileShader(s);
        GLint ok = 0;
        glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
        if (!ok) {
            const std::string log = attribute_log_to_file(info_log(s, false), names[i]);
            glDeleteShader(s);
            for (GLuint other : shaders) glDeleteShader(other);
            throw InputError("shader does not compile:\n" + log);
        }
        glAttachShader(program.id_, s);
        shaders.push_back(s);
    }
    glLinkProgram(program.id_);
    for (GLuint s : shaders) glDeleteShader(s);
    GLint linked = 0;
    glGetProgramiv(program.id_, GL_LINK_STATUS, &linked);
    if (!linked) {
        std::string all;
        for (const auto& n : names) all += (all.empty() ? "" : " + ") + n;
        throw InputError("shader program does not link (" + all + "): " + info_log(program.id_, true));
    }
    return program;
}

ShaderProgram::~ShaderProgram() {
    if (id_) glDeleteProgram(id_);
}

ShaderProgram::ShaderProgram(ShaderProgram&& other) noexcept : id_(other.id_) { other.id_ = 0; }

ShaderProgram& ShaderProgram::operator=(ShaderProgram&& other) noexcept {
    if (this != &other) {
        if (id_) glDeleteProgram(id_);
        id_ = other.id_;
        other.id_ = 0;
    }
    return *this;
}

void ShaderProgram::set(const char* name, const glm::mat4& m) const {
    glProgramUniformMatrix4fv(id_, uniform(name), 1, GL_FALSE, glm::value_ptr(m));
}

}  // namespace fluorosim::render
