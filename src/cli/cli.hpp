#pragma once
namespace fluorosim::cli {
// Entry point of the fluorosim executable: dispatches subcommands, or opens the GUI.
int main(int argc, char** argv);
}  // namespace fluorosim::cli
