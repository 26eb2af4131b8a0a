#include "core/needle/tissue_mechanics.hpp"

#include <array>
#include <cassert>

namespace fluorosim {
namespace {

bool has(std::string_view text, std::string_view word) { return text.find(word) != std::string_view::npos; }

// Resistance and curvature per class, in enum order [P] (see the header for the scale).
constexpr std::array<TissueMechanics, 20> kTable = {{
    {0.00, 0.0, false},     // air: the needle swings freely
    {0.55, 0.0010, false},  // skin: firm until it pops
    {0.10, 0.0006, false},  // subcutaneous fat
    {0.30, 0.0010, false},  // soft tissue: the body's connective tissue resists the LOR plunger
    {0.35, 0.0012, false},  // muscle
    {0.70, 0.0020, false},  // supraspinous / interspinous ligament: firm, gritty
    {0.90, 0.0025, false},  // ligamentum flavum: the firmest soft tissue
    {0.60, 0.0018, false},  // joint capsule
    {1.00, 0.0, true},      // bone: hard stop at the surface
    {0.80, 0.0020, false},  // annulus: gritty
    {0.40, 0.0010, false},  // nucleus
    {0.45, 0.0008, false},  // dura: a subtle second give
    {0.02, 0.0002, false},  // CSF
    {0.20, 0.0005, false},  // cauda equina
    {0.30, 0.0008, false},  // nerve root
    {0.05, 0.0004, false},  // epidural fat: the loss of resistance
    {0.15, 0.0003, false},  // artery (wall, then blood)
    {0.05, 0.0002, false},  // vein
    {0.20, 0.0008, false},  // kidney, bowel
    {0.00, 0.0, false},     // bowel gas
}};
static_assert(kTable.size() == std::size_t(TissueClass::gas) + 1);

}  // namespace

const char* to_string(TissueClass t) {
    switch (t) {
        case TissueClass::air: return "air";
        case TissueClass::skin: return "skin";
        case TissueClass::fat: return "fat";
        case TissueClass::soft_tissue: return "soft tissue";
        case TissueClass::muscle: return "muscle";
        case TissueClass::ligament: return "ligament";
        case TissueClass::ligamentum_flavum: return "ligamentum flavum";
        case TissueClass::joint_capsule: return "joint capsule";
        case TissueClass::bone: return "bone";
        case TissueClass::disc_annulus: return "annulus fibrosus";
        case TissueClass::disc_nucleus: return "nucleus pulposus";
        case TissueClass::dura: return "dura";
        case TissueClass::csf: return "CSF";
        case TissueClass::neural: return "cauda equina";
        case TissueClass::nerve_root: return "nerve root";
        case TissueClass::epidural_fat: return "epidural fat";
        case TissueClass::artery: return "artery";
        case TissueClass::vein: return "vein";
        case TissueClass::organ: return "organ";
        case TissueClass::gas: return "bowel gas";
    }
    return "?";
}

TissueClass tissue_class(StructureKind kind, std::string_view name) {
    switch (kind) {
        case StructureKind::skin: return TissueClass::skin;
        case StructureKind::subcutaneous_fat: return TissueClass::fat;
        case StructureKind::soft_tissue: return TissueClass::soft_tissue;
        case StructureKind::bone_cortical:
        case StructureKind::bone_cancellous: return TissueClass::bone;
        case StructureKind::disc_annulus: return TissueClass::disc_annulus;
        case StructureKind::disc_nucleus: return TissueClass::disc_nucleus;
        case StructureKind::dura: return TissueClass::dura;
        case StructureKind::csf: return TissueClass::csf;
        case StructureKind::neural_tissue: return TissueClass::neural;
        case StructureKind::nerve_root: return TissueClass::nerve_root;
        case StructureKind::ligament: return has(name, "flavum") ? TissueClass::ligamentum_flavum : TissueClass::ligament;
        case StructureKind::facet_capsule:
        case StructureKind::si_joint: return TissueClass::joint_capsule;
        case StructureKind::epidural_fat: return TissueClass::epidural_fat;
        case StructureKind::artery: return TissueClass::artery;
        case StructureKind::vein: return TissueClass::vein;
        case StructureKind::muscle: return TissueClass::muscle;
        case StructureKind::kidney:
        case StructureKind::bowel: return TissueClass::organ;
        case StructureKind::bowel_gas: return TissueClass::gas;
    }
    return TissueClass::soft_tissue;
}

TissueClass tissue_class_from_material(std::string_view material, std::string_view name) {
    if (has(material, "bone")) return TissueClass::bone;
    if (has(material, "skin")) return TissueClass::skin;
    if (has(material, "adipose") || has(material, "fat"))
        return has(name, "epidural") ? TissueClass::epidural_fat : TissueClass::fat;
    if (has(material, "muscle")) return TissueClass::muscle;
    if (has(material, "ligament")) {
        if (has(name, "flavum")) return TissueClass::ligamentum_flavum;
        if (has(name, "dura")) return TissueClass::dura;
        if (has(name, "capsule") || has(name, "joint")) return TissueClass::joint_capsule;
        return TissueClass::ligament;
    }
    if (has(material, "csf")) return TissueClass::csf;
    if (has(material, "nerve")) return has(name, "root") ? TissueClass::nerve_root : TissueClass::neural;
    if (has(material, "blood"))
        return has(name, "arter") || has(name, "aorta") ? TissueClass::artery : TissueClass::vein;
    if (has(material, "disc")) return has(name, "nucleus") ? TissueClass::disc_nucleus : TissueClass::disc_annulus;
    if (material == "air") return TissueClass::gas;
    return TissueClass::soft_tissue;
}

const TissueMechanics& mechanics(TissueClass tissue) {
    const auto i = std::size_t(tissue);
    assert(i < kTable.size());
    return kTable[i];
}

double curvature_scale(const NeedleSpec& spec) {
    assert(spec.outer_diameter_mm > 0.0);
    const double gauge = (0.72 / spec.outer_diameter_mm) * (0.72 / spec.outer_diameter_mm);
    return gauge * (spec.tip == NeedleTip::tuohy ? 1.5 : 1.0);
}

}  // namespace fluorosim
