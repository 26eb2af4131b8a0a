#pragma once
// GLSL programs loaded from files in shaders/. A compile or link error throws InputError whose
// message names the shader file and line, e.g. "shaders/path_length.frag:12: error: ...".
#include <filesystem>
#include <string>
#include <vector>

#include <epoxy/gl.h>
#include <glm/glm.hpp>

namespace fluorosim::render {

class ShaderProgram {
public:
    ShaderProgram() = default;
    // Stage from the extension: .vert, .frag, .geom, .comp. Relative paths are under shaders/.
    static ShaderProgram from_files(const std::vector<std::filesystem::path>& files);
    // From source text (tests, or generated code); `name` stands in for the file in errors.
    static ShaderProgram from_sources(const std::vector<std::pair<GLenum, std::string>>& stages,
                                      const std::vector<std::string>& names);
    ~ShaderProgram();
    ShaderProgram(ShaderProgram&& other) noexcept;
    ShaderProgram& operator=(ShaderProgram&& other) noexcept;
    ShaderProgram(const ShaderProgram&) = delete;
    ShaderProgram& operator=(const ShaderProgram&) = delete;

    GLuint id() const { return id_; }
    void use() const { glUseProgram(id_); }
    GLint uniform(const char* name) const { return glGetUniformLocation(id_, name); }
    void set(const char* name, int v) const { glProgramUniform1i(id_, uniform(name), v); }
    void set(const char* name, float v) const { glProgramUniform1f(id_, uniform(name), v); }
    void set(const char* name, const glm::ivec2& v) const { glProgramUniform2i(id_, uniform(name), v.x, v.y); }
    void set(const char* name, const glm::vec2& v) const { glProgramUniform2f(id_, uniform(name), v.x, v.y); }
    void set(const char* name, const glm::vec3& v) const { glProgramUniform3f(id_, uniform(name), v.x, v.y, v.z); }
    void set(const char* name, const glm::vec4& v) const { glProgramUniform4f(id_, uniform(name), v.x, v.y, v.z, v.w); }
    void set(const char* name, const glm::mat4& m) const;

private:
    GLuint id_ = 0;
};

// Turn a driver's info log ("0:12(5): error: ..." from Mesa, "0(12) : error ..." from NVIDIA)
// into lines that name the file: "file:12: error: ...". Exposed for tests.
std::string attribute_log_to_file(const std::string& log, const std::string& file);

}  // namespace fluorosim::render
