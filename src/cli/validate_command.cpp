#include <cstdio>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "core/exam/exam.hpp"
#include "core/scenario/scenario.hpp"
#include "core/scenario/yaml_reader.hpp"
#include "core/util/error.hpp"

namespace fluorosim::cli {

int validate_command(const std::vector<std::string>& argv) {
    Args args("validate", "Check scenario and exam files. Prints one line per file: OK with what it describes, or\n"
                          "the first problem with its file, line and field. Exit status 1 if any file is bad.");
    args.positional("FILE", "scenario or exam file (YAML; exam files start with 'fluorosim_exam')", true);
    if (!args.parse(argv)) return 0;
    int bad = 0;
    for (const auto& file : args.positionals()) {
        try {
            if (YamlReader::open(file).has("fluorosim_exam")) {
                const ExamDefinition e = load_exam(file);
                std::printf("%s: OK: exam \"%s\" (%zu scenarios)\n", file.c_str(), e.name.c_str(), e.scenarios.size());
                continue;
            }
            const Scenario s = load_scenario(file);
            std::printf("%s: OK: \"%s\" (%s%s%s, %s)\n", file.c_str(), s.name.c_str(), s.procedure.c_str(),
                        s.level.empty() ? "" : " ", s.level.c_str(), s.side.c_str());
        } catch (const InputError& e) {
            std::fprintf(stderr, "%s\n", e.what());
            ++bad;
        }
    }
    return bad ? 1 : 0;
}

}  // namespace fluorosim::cli
