#include <iomanip>
#include <ostream>

#include "core/anatomy/patient.hpp"

namespace fluorosim {

void write_patient_summary(const Patient& p, std::ostream& out) {
    const auto& pp = p.parameters;
    out << "Generated patient: seed " << pp.seed << ", " << pp.height_cm << " cm, BMI " << pp.bmi << ", "
        << (pp.sex == Sex::male ? "male" : "female") << ", lordosis " << pp.lordosis_deg << " deg, Cobb " << pp.scoliosis_cobb_deg
        << " deg\n";
    out << "Lumbar vertebrae: " << p.lumbar_levels().size() << ", skin-to-epidural (L3-L4 midline) " << std::fixed << std::setprecision(1)
        << p.skin_to_epidural_mm << " mm\n";
    out << "Structures (" << p.scene.objects.size() << ", " << p.scene.triangle_count() << " triangles, generated in "
        << std::setprecision(2) << p.generation_seconds << " s):\n";
    for (std::size_t i = 0; i < p.scene.objects.size(); ++i) {
        const auto& o = p.scene.objects[i];
        out << "  " << std::setw(3) << i << "  " << std::left << std::setw(44) << o.name << std::setw(16) << o.material << std::setw(28)
            << to_string(p.structures[i].kind) << std::right << std::setw(8) << o.mesh.triangle_count() << " tris  parent "
            << (o.parent >= 0 ? p.scene.objects[o.parent].name : std::string("-")) << "\n";
    }
    out << "Landmarks (" << p.landmarks.size() << "):\n";
    out << std::setprecision(1);
    for (const auto& [name, l] : p.landmarks) {
        out << "  " << std::left << std::setw(44) << name << std::setw(9) << to_string(l.kind) << std::right;
        const glm::vec3 c = l.points.front();
        out << " (" << c.x << ", " << c.y << ", " << c.z << ")";
        if (l.points.size() > 1) out << " +" << l.points.size() - 1 << " pts";
        out << "  in/on " << l.structure << "\n";
    }
}

}  // namespace fluorosim
