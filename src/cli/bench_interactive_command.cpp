// fluorosim bench-interactive: is the simulator interactive on this machine? Measures, on the
// default scenario's patient, what a trainee's actions cost: the 3D learning view redrawn as the
// needle moves, one fluoroscopy pulse through the whole chain, the input-to-image latency of
// "advance the needle, take a shot", and the session's command rate with tissue queries.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "core/scenario/scenario.hpp"
#include "core/session/session.hpp"
#include "core/session/session_bench.hpp"
#include "core/util/paths.hpp"
#include "io/patient_scene.hpp"
#include "render/fluoro_imager.hpp"
#include "render/gl_context.hpp"
#include "render/needle_segments.hpp"
#include "render/surface_renderer.hpp"

namespace fluorosim::cli {
namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

struct Stats {
    double median = 0, p95 = 0;
};
Stats stats(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 95 / 100)]};
}

}  // namespace

int bench_interactive_command(const std::vector<std::string>& argv) {
    Args args("bench-interactive",
              "Measure interactivity on the default scenario's patient: 3D view redraw while the needle moves,\n"
              "one fluoroscopy pulse (full chain) and the input-to-image latency, at the given image size.");
    args.option("--scenario", "FILE", "scenario (default: the standard patient)")
        .option("--size", "PIXELS", "fluoroscopy image size (default 512)")
        .option("--view", "WxH", "3D view size (default 800x600)")
        .option("--frames", "N", "timed frames per measurement, 5-1000 (default 30)")
        .flag("--json", "print JSON instead of a table");
    if (!args.parse(argv)) return 0;
    const int size = args.integer("--size", 512, 64, 4096);
    const int frames = args.integer("--frames", 30, 5, 1000);
    int vw = 800, vh = 600;
    if (args.has("--view") && std::sscanf(args.get("--view").c_str(), "%dx%d", &vw, &vh) != 2)
        throw UsageError("option '--view' expects WxH, got '" + args.get("--view") + "'");

    const Scenario scenario = load_scenario(args.get("--scenario", paths::default_scenario().string()));
    MaterialLibrary library = MaterialLibrary::standard();
    const io::PatientModel patient = io::build_patient(scenario, library);
    auto query = std::make_shared<const TissueQuery>(patient.scene);
    const auto* structures = patient.structures.empty() ? nullptr : &patient.structures;

    render::HeadlessContext context;
    render::FluoroImager imager(size, std::move(library));
    const auto lod_start = Clock::now();
    imager.set_patient(patient.scene);
    const double lod_ms = ms_since(lod_start);
    render::SurfaceRenderer view(vw, vh);
    view.set_scene(patient.scene);
    render::OrbitCamera camera;
    camera.target = glm::vec3(scenario.carm.isocentre);

    // A session with the needle on the skin above the isocentre, advanced 1 mm per frame.
    Session session(scenario, query, structures);
    double t = 0;
    auto apply = [&](CommandKind k, std::array<double, 3> v = {}, std::string w = {}) {
        return session.apply(make_command(t += 0.033, k, v, std::move(w)));
    };
    apply(CommandKind::session_start);
    if (const auto skin = skin_above(*query, scenario.carm.isocentre.x + 20, scenario.carm.isocentre.z))
        apply(CommandKind::needle_entry, {skin->x, skin->y, skin->z});
    apply(CommandKind::needle_aim, {0, 30, 0});  // cranial, so the shaft reads as a line in AP
    // The needle as the station draws it (merged straight runs, displacing the tissue it is in).
    auto needle_segments = [&] {
        return render::needle_segments(session.shaft_polyline(), session.state().needle.spec.outer_diameter_mm, *query,
                                       patient.scene, imager.renderer());
    };

    // 1. 3D view: needle moves, view redrawn (what the app does per frame of needle motion).
    std::vector<double> view_ms;
    for (int i = 0; i < frames + 3; ++i) {
        const auto start = Clock::now();
        apply(CommandKind::needle_advance, {1, 0, 0});
        std::vector<glm::vec3> poly;
        for (const auto& p : session.shaft_polyline()) poly.emplace_back(p);
        view.set_needle(poly, render::NeedleLook{});
        view.draw(camera, nullptr);
        glFinish();
        if (i >= 3) view_ms.push_back(ms_since(start));
    }
    // 2. One pulse through the whole chain (the image the monitor shows), and 3. latency: from
    // the key press (advance + shot applied to the session) to the displayed image finished.
    render::AcquisitionSettings s;
    s.pose = scenario.carm;
    s.technique = scenario.exposure;
    std::vector<double> pulse_ms, latency_ms;
    for (int i = 0; i < frames + 3; ++i) {
        const auto start = Clock::now();
        apply(CommandKind::needle_withdraw, {1, 0, 0});
        apply(CommandKind::needle_advance, {1, 0, 0});
        imager.set_needles(needle_segments());
        const auto pulse_start = Clock::now();
        s.seed = unsigned(i);
        imager.acquire(s);
        glFinish();
        if (i >= 3) {
            pulse_ms.push_back(ms_since(pulse_start));
            latency_ms.push_back(ms_since(start));
        }
    }
    // 4. Session commands with tissue queries (no drawing).
    const SessionBench sb = bench_session(scenario, query, structures, 2000);

    const Stats v = stats(view_ms), p = stats(pulse_ms), l = stats(latency_ms);
    const auto gl = render::query_gl_info();
    if (args.has("--json")) {
        std::printf("{\"renderer\": \"%s\", \"triangles\": %zu, \"xray_triangles\": %zu, \"image_size\": %d, \"view\": [%d, %d],\n"
                    " \"view_ms_median\": %.2f, \"view_ms_p95\": %.2f, \"view_fps\": %.1f,\n"
                    " \"pulse_ms_median\": %.2f, \"pulse_ms_p95\": %.2f, \"pulses_per_s\": %.1f,\n"
                    " \"latency_ms_median\": %.2f, \"latency_ms_p95\": %.2f,\n"
                    " \"session_commands_per_s\": %.0f}\n",
                    gl.renderer.c_str(), patient.scene.triangle_count(), imager.drawn_triangles(), size, vw, vh, v.median, v.p95,
                    1000.0 / v.median, p.median, p.p95, 1000.0 / p.median, l.median, l.p95, sb.commands_per_second);
        return 0;
    }
    std::printf("scene:    %s, %zu triangles (the X-ray draws %zu: level of detail made in %.0f ms)\nGL:       %s\n\n",
                scenario.name.c_str(), patient.scene.triangle_count(), imager.drawn_triangles(), lod_ms, gl.renderer.c_str());
    std::printf("%-46s %10s %10s %12s\n", "measure", "median ms", "p95 ms", "rate");
    std::printf("%-46s %10.1f %10.1f %9.1f fps\n", ("3D view redraw with needle motion, " + std::to_string(vw) + "x" +
                                                    std::to_string(vh)).c_str(), v.median, v.p95, 1000.0 / v.median);
    std::printf("%-46s %10.1f %10.1f %7.1f img/s\n", ("fluoro pulse, full chain, " + std::to_string(size) + "^2").c_str(),
                p.median, p.p95, 1000.0 / p.median);
    std::printf("%-46s %10.1f %10.1f\n", "input-to-image latency (advance + shot)", l.median, l.p95);
    std::printf("%-46s %10s %10s %8.0f cmd/s\n", "session commands with tissue queries", "-", "-", sb.commands_per_second);
    return 0;
}

}  // namespace fluorosim::cli
