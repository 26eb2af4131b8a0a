#pragma once
// Injected contrast: where it goes and how it looks over time (clinical.md 1.2).
//
// The session's injection events say how much contrast went in, when, and in which tissue the
// tip was (event.tissue, event.structure). Each becomes a deposit with a pattern chosen by the
// compartment the tip is in; for a time t the deposits become closed meshes with an iodine
// concentration, which the app and the CLI hand to FluoroImager::set_overlay as
// "iodine_contrast" objects with weight = concentration / 60 mgI/mL (the renderer's reference).
// Core, no GL: meshes and numbers only. Deterministic: no randomness, no clock.
//
// Numbers ([P] = engineering proposal, tune with clinicians):
//  - Injected contrast is iohexol 300 mgI/mL; an object's concentration is the iodine it holds
//    divided by its volume, at most 300 (undiluted).
//  - Epidural: ~1.5 mL per level [P], 1-3 levels (clinical.md 1.2 "cranio-caudal over 1-3
//    levels"), spreading with a 3 s time constant [P], clearing slowly (kept).
//  - Myelogram: spreads fast (0.5 s time constant [P]), dense, in the dependent (anterior, the
//    patient is prone) third of the thecal sac.
//  - Subdural: thin, sharply marginated, posterior in the canal, slow (10 s time constant [P]).
//  - Venous: washes out with a 3 s time constant [P] (clinical.md 1.2 "washes out over
//    seconds"); gone below 2 mgI/mL.
//  - Arterial: fades linearly to nothing 1.5 s after the injection (clinical.md 1.2 "washes
//    out within ~1-2 s").
//  - Facet capsule ~1-1.5 mL (clinical.md 1.1): more ruptures it into a periarticular blob.
//  - Intramuscular blob: the injected volume mixed into three times its volume of tissue [P],
//    elongated 1.8x along the cranio-caudal muscle fibres.
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/anatomy/patient.hpp"
#include "core/geometry/mesh.hpp"
#include "core/needle/tissue_mechanics.hpp"
#include "core/session/event.hpp"

namespace fluorosim {

enum class ContrastPattern {
    facet_arthrogram,
    si_arthrogram,
    epidurogram_dorsal,
    epidurogram_ventral,
    neurogram,
    myelogram,
    subdural,
    venous,
    arterial,
    intramuscular,
    nucleogram,
};
// Identifier as scenario files write it ("facet_arthrogram").
const char* to_string(ContrastPattern pattern);
// In a trainee's words: "a facet arthrogram (a thin line along the joint filling its recesses)".
std::string describe(ContrastPattern pattern);
const std::vector<ContrastPattern>& all_contrast_patterns();

constexpr double kInjectedIodineMgPerMl = 300.0;  // iohexol 300 [P: the usual lumbar contrast]
constexpr double kOverlayReferenceMgPerMl = 60.0;  // render/xray_renderer.hpp "iodine_contrast"

// One injection of contrast.
struct ContrastDeposit {
    double time = 0.0;             // s, session clock
    double ml = 0.0;
    glm::dvec3 position{0.0};      // tip, patient frame mm
    ContrastPattern pattern = ContrastPattern::intramuscular;
    std::string structure;         // object the tip was in
    std::string level;             // segment or vertebra the pattern follows ("L4-L5", "L5")
    int side = 0;                  // +1 left, -1 right, 0 midline
};

// A closed mesh of contrast at some moment (OverlayObject-like; core has no GL).
struct ContrastObject {
    std::string name;              // "facet arthrogram L4-L5 left", ...
    ContrastPattern pattern = ContrastPattern::intramuscular;
    TriangleMesh mesh;
    double concentration_mg_ml = 0.0;
    double weight() const { return concentration_mg_ml / kOverlayReferenceMgPerMl; }
};

// The compartment the tip is in decides the pattern: `tissue` and `structure` as the session's
// event gives them, `tip` where it is (the foramen is soft tissue: a tip within 8 mm of a safe
// or Kambin triangle or a dorsal sacral foramen, or 4 mm of a nerve root, gives a neurogram).
ContrastPattern classify_contrast(const Patient& patient, const glm::dvec3& tip, TissueClass tissue,
                                  const std::string& structure);

// Every contrast injection among the session's events (injection events with substance
// "contrast"), classified.
std::vector<ContrastDeposit> contrast_deposits(const Patient& patient, const std::vector<Event>& events);

// The contrast present at time t (deposits later than t are not there yet).
std::vector<ContrastObject> contrast_at(const Patient& patient, const std::vector<ContrastDeposit>& deposits,
                                        double t);

}  // namespace fluorosim
