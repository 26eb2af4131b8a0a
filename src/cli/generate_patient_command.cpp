#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "core/anatomy/patient.hpp"
#include "io/mesh_file.hpp"
#include "io/patient_file.hpp"

namespace fluorosim::cli {

int generate_patient_command(const std::vector<std::string>& argv) {
    Args args("generate-patient",
              "Generate a procedural lumbar patient (T12 to pelvis, soft tissues, landmarks) and write it to DIR:\n"
              "patient.glb (labelled meshes with materials), patient.json (parameters, structures, landmarks)\n"
              "and, with --format, a copy as OBJ or STL. The same parameters and seed give the same patient.");
    args.option("--out", "DIR", "folder to write (required)")
        .option("--seed", "N", "natural variation seed (default 1)")
        .option("--height-cm", "CM", "body height, 140-210 (default 175)")
        .option("--sex", "male|female", "default male")
        .option("--bmi", "KG/M2", "body-mass index, 16-50 (default 24.5): sets the skin-to-target depth")
        .option("--lordosis", "DEG", "L1-S1 lordosis as positioned prone, 0-80 (default 40)")
        .option("--scoliosis", "DEG", "lumbar Cobb angle, -60-60, + convex to the left (default 0)")
        .option("--degeneration", "0-1", "disc degeneration (height loss, osteophytes), default 0")
        .option("--facet-hypertrophy", "0-1", "default 0")
        .option("--fracture", "LEVEL", "compression fracture at L1..L5 (default none)")
        .option("--transitional", "KIND", "none, sacralized_l5 or lumbarized_s1 (default none)")
        .option("--artery-level", "LEVEL", "radiculomedullary artery level T12..L3 (default L1)")
        .option("--artery-side", "left|right", "default left")
        .option("--format", "obj|stl|gltf", "also write patient.<format>");
    if (!args.parse(argv)) return 0;
    if (!args.has("--out")) throw UsageError("missing --out DIR (see 'fluorosim generate-patient --help')");
    PatientParameters p;
    p.seed = std::uint64_t(args.integer("--seed", 1, 0, 2147483647));
    p.height_cm = float(args.number("--height-cm", p.height_cm, 140, 210));
    const std::string sex = args.get("--sex", "male");
    if (sex != "male" && sex != "female") throw UsageError("option '--sex' expects male or female, got '" + sex + "'");
    p.sex = sex == "female" ? Sex::female : Sex::male;
    p.bmi = float(args.number("--bmi", p.bmi, 16, 50));
    p.lordosis_deg = float(args.number("--lordosis", p.lordosis_deg, 0, 80));
    p.scoliosis_cobb_deg = float(args.number("--scoliosis", p.scoliosis_cobb_deg, -60, 60));
    p.disc_degeneration = float(args.number("--degeneration", 0, 0, 1));
    p.facet_hypertrophy = float(args.number("--facet-hypertrophy", 0, 0, 1));
    p.fracture_level = args.get("--fracture", "");
    if (!p.fracture_level.empty() && (p.fracture_level.size() != 2 || p.fracture_level[0] != 'L' ||
                                      p.fracture_level[1] < '1' || p.fracture_level[1] > '5'))
        throw UsageError("option '--fracture' expects L1..L5, got '" + p.fracture_level + "'");
    const std::string t = args.get("--transitional", "none");
    if (t == "none") p.transitional = TransitionalVertebra::none;
    else if (t == "sacralized_l5") p.transitional = TransitionalVertebra::sacralized_l5;
    else if (t == "lumbarized_s1") p.transitional = TransitionalVertebra::lumbarized_s1;
    else throw UsageError("option '--transitional' expects none, sacralized_l5 or lumbarized_s1, got '" + t + "'");
    p.radiculomedullary_level = args.get("--artery-level", p.radiculomedullary_level);
    if (p.radiculomedullary_level != "T12" && p.radiculomedullary_level != "L1" && p.radiculomedullary_level != "L2" &&
        p.radiculomedullary_level != "L3")
        throw UsageError("option '--artery-level' expects T12, L1, L2 or L3, got '" + p.radiculomedullary_level + "'");
    const std::string side = args.get("--artery-side", "left");
    if (side != "left" && side != "right") throw UsageError("option '--artery-side' expects left or right, got '" + side + "'");
    p.radiculomedullary_left = side == "left";
    const std::string format = args.get("--format", "");
    if (!format.empty() && format != "obj" && format != "stl" && format != "gltf")
        throw UsageError("option '--format' expects obj, stl or gltf, got '" + format + "'");

    const auto start = std::chrono::steady_clock::now();
    const Patient patient = generate_patient(p);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::filesystem::path dir = args.get("--out");
    io::save_patient(patient, dir);
    if (!format.empty()) io::export_scene(patient.scene, dir / ("patient." + format));
    write_patient_summary(patient, std::cout);
    std::printf("generated in %.1f s; wrote %s/patient.glb and patient.json%s\n", seconds, dir.c_str(),
                format.empty() ? "" : (" and patient." + format).c_str());
    return 0;
}

}  // namespace fluorosim::cli
