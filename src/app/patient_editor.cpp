#include "app/patient_editor.hpp"

#include <imgui.h>

namespace fluorosim::app {

bool edit_patient_parameters(PatientParameters& p) {
    bool changed = false;
    int sex = p.sex == Sex::female ? 1 : 0;
    if (ImGui::Combo("Sex", &sex, "male\0female\0")) {
        p.sex = sex ? Sex::female : Sex::male;
        changed = true;
    }
    // Ranges inside the generator's (patient_parameters.hpp): adults a trainee will meet.
    changed |= ImGui::SliderFloat("Height (cm)", &p.height_cm, 150.0f, 200.0f, "%.0f");
    changed |= ImGui::SliderFloat("BMI", &p.bmi, 18.0f, 45.0f, "%.1f");
    changed |= ImGui::SliderFloat("Lordosis (deg)", &p.lordosis_deg, 10.0f, 70.0f, "%.0f");
    changed |=
        ImGui::SliderFloat("Scoliosis Cobb (deg)", &p.scoliosis_cobb_deg, -40.0f, 40.0f, "%.0f");
    changed |= ImGui::SliderFloat("Disc degeneration", &p.disc_degeneration, 0.0f, 1.0f, "%.2f");
    changed |= ImGui::SliderFloat("Facet hypertrophy", &p.facet_hypertrophy, 0.0f, 1.0f, "%.2f");
    static const char* const fractures[] = {"none", "L1", "L2", "L3", "L4", "L5"};
    int fracture = p.fracture_level.size() == 2 ? p.fracture_level[1] - '0' : 0;
    if (fracture < 0 || fracture > 5) fracture = 0;
    if (ImGui::Combo("Compression fracture", &fracture, fractures, 6)) {
        p.fracture_level = fracture ? fractures[fracture] : "";
        changed = true;
    }
    int transitional = int(p.transitional);
    if (ImGui::Combo("Transitional vertebra", &transitional,
                     "none\0sacralized L5\0lumbarized S1\0")) {
        p.transitional = TransitionalVertebra(transitional);
        changed = true;
    }
    return changed;
}

}  // namespace fluorosim::app
