#include <cstdio>
#include <exception>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "core/util/paths.hpp"
#include "render/gl_context.hpp"

namespace fluorosim::cli {

int info_command(const std::vector<std::string>& argv) {
    Args args("info", "Print the version, the paths in use and the OpenGL renderer a headless context gets.");
    if (!args.parse(argv)) return 0;
    std::printf("fluorosim %s\n", FLUOROSIM_VERSION);
    std::printf("data:       %s\n", paths::data_dir().c_str());
    std::printf("shaders:    %s\n", paths::shader_dir().c_str());
    std::printf("assets:     %s\n", paths::asset_dir().c_str());
    std::printf("scenarios:  %s (default %s)\n", paths::scenario_dir().c_str(), paths::default_scenario().filename().c_str());
    std::printf("config:     %s\n", paths::config_dir().c_str());
    std::printf("user data:  %s\n", paths::user_data_dir().c_str());
    try {
        render::HeadlessContext context;
        const auto gl = render::query_gl_info();
        std::printf("GL context: %s\nGL vendor:  %s\nGL renderer: %s\nGL version: %s\nGLSL:       %s\n",
                    context.platform().c_str(), gl.vendor.c_str(), gl.renderer.c_str(), gl.version.c_str(),
                    gl.glsl_version.c_str());
    } catch (const std::exception& e) {
        std::printf("GL context: none (%s)\n", e.what());
        return 1;
    }
    return 0;
}

}  // namespace fluorosim::cli
