#pragma once
// Headless subcommands of the fluorosim executable. Each takes its arguments after the
// subcommand name and returns the process exit status.
#include <string>
#include <vector>

namespace fluorosim::cli {

int render_command(const std::vector<std::string>& args);
int validate_command(const std::vector<std::string>& args);
int info_command(const std::vector<std::string>& args);
int generate_patient_command(const std::vector<std::string>& args);
int bench_command(const std::vector<std::string>& args);
int bench_interactive_command(const std::vector<std::string>& args);
int export_volume_command(const std::vector<std::string>& args);
int score_command(const std::vector<std::string>& args);
int sessions_command(const std::vector<std::string>& args);
int workshop_command(const std::vector<std::string>& args);  // workshop_command.cpp
int exam_command(const std::vector<std::string>& args);
int expert_command(const std::vector<std::string>& args);

}  // namespace fluorosim::cli
