#include "cli/plastimatch_drr.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <unistd.h>

#include "io/image_file.hpp"

namespace fluorosim::cli {
namespace {

std::string quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string vec(const glm::dvec3& v) {
    std::ostringstream s;
    s.precision(12);
    s << v.x << " " << v.y << " " << v.z;
    return s.str();
}

// Runs a shell command; returns its exit status and its stdout + stderr.
int run(const std::string& command, std::string& output) {
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot start: " + command);
    char buf[4096];
    std::size_t got;
    while ((got = std::fread(buf, 1, sizeof buf, pipe)) > 0) output.append(buf, got);
    const int status = pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

bool plastimatch_available() {
    const char* path = std::getenv("PATH");
    if (!path) return false;
    std::string_view rest(path);
    while (!rest.empty()) {
        const auto colon = rest.find(':');
        const std::filesystem::path dir(std::string(rest.substr(0, colon)));
        if (!dir.empty() && access((dir / "plastimatch").c_str(), X_OK) == 0) return true;
        if (colon == std::string_view::npos) break;
        rest.remove_prefix(colon + 1);
    }
    return false;
}

PlastimatchDrr plastimatch_drr(const std::filesystem::path& volume, const CArmGeometry& g,
                               int width, int height, const std::filesystem::path& work_dir,
                               unsigned threads) {
    // Geometry, in plastimatch's terms (all patient-frame LPS mm, which is what its
    // "DICOM coordinates" are):
    // - isocentre: the point at distance SAD from the source along the central ray; ours is
    //   source + sod * beam;
    // - --nrm points from the isocentre toward the source (gantry 0 = nrm (1,0,0) puts the
    //   source on +x), i.e. -beam;
    // - --vup points from the detector centre to its top row: our `up`;
    // - -z is the detector's physical size and -c its centre in pixels, (n - 1) / 2 as ours.
    const glm::dvec3 isocentre = g.source + g.sod_mm * g.beam;
    std::ostringstream cmd;
    cmd.precision(12);
    const std::filesystem::path prefix = work_dir / ("pm_" + std::to_string(width) + "x" + std::to_string(height) + "_");
    cmd << "OMP_NUM_THREADS=" << threads << " plastimatch drr -i exact -t pfm -P none"
        << " -r \"" << height << " " << width << "\""
        << " -z \"" << g.detector_mm << " " << g.detector_mm << "\""
        << " -c \"" << 0.5 * (height - 1) << " " << 0.5 * (width - 1) << "\""
        << " --sad " << g.sod_mm << " --sid " << g.sid_mm
        << " -o \"" << vec(isocentre) << "\" -n \"" << vec(-g.beam) << "\" --vup \"" << vec(g.up) << "\""
        << " -I " << quoted(volume.string()) << " -O " << quoted(prefix.string());
    PlastimatchDrr out;
    out.command = cmd.str();
    std::string output;
    const auto start = std::chrono::steady_clock::now();
    const int status = run(out.command, output);
    out.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::filesystem::path pfm = prefix.string() + "0000.pfm";
    if (status != 0 || !std::filesystem::exists(pfm)) {
        // One line for the user: the end of its output, line breaks shown as " | ".
        std::string tail = output.size() > 600 ? output.substr(output.size() - 600) : output;
        while (!tail.empty() && tail.back() == '\n') tail.pop_back();
        for (std::size_t at; (at = tail.find('\n')) != std::string::npos;) tail.replace(at, 1, " | ");
        throw std::runtime_error("plastimatch drr failed (exit " + std::to_string(status) + "): " + tail);
    }
    if (auto at = output.find("Total time:"); at != std::string::npos)
        out.own_s = std::atof(output.c_str() + at + 11);

    // plastimatch writes its PFM top row first (row 0 = the --vup end), against the format's
    // bottom-up convention that io::read_pfm follows; and its columns run along
    // (source -> detector) x vup, the view from the source, where ours run along the view from
    // the detector (carm_pose.hpp). So its image is ours turned by 180 degrees once read_pfm has
    // flipped the rows. Its values are 0.1 x sum mu*l (it divides by 10): scale back.
    const ImageF raw = io::read_pfm(pfm);
    out.line_integral = ImageF(raw.width, raw.height, 1);
    for (int y = 0; y < raw.height; ++y)
        for (int x = 0; x < raw.width; ++x)
            out.line_integral.at(x, y) = 10.0f * raw.at(raw.width - 1 - x, raw.height - 1 - y);
    return out;
}

}  // namespace fluorosim::cli
