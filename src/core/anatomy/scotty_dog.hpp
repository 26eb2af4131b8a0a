#pragma once
// The "Scotty dog" of the ipsilateral oblique lumbar view, part by part: eye = pedicle,
// ear = superior articular process, nose = transverse process, neck = pars interarticularis,
// front leg = inferior articular process (clinical.md 2, fluoroscopic views). Read from a
// patient's landmarks, so it works for any generated or shipped patient (a patient opened from
// a user's mesh file has no landmarks, and no dog). Used to label the monitor image for
// trainees (app and `fluorosim render --label-anatomy`) and by the tests that check the dog is
// drawn where, and as dense as, an oblique film shows it.
#include <array>
#include <map>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/anatomy/patient.hpp"

namespace fluorosim {

struct ScottyDogPart {
    std::string level;       // "L4"
    std::string part;        // "eye"
    std::string anatomy;     // "superior articular process"
    std::string short_name;  // "SAP"
    std::string landmark;    // "L4.left.pedicle_centre"
    glm::vec3 point{0.0f};   // patient frame, mm
};

// The parts of one level's dog on one side ("left" / "right") that the landmarks have, in the
// order eye, ear, nose, neck, front leg; empty for an unknown level or a patient without them.
std::vector<ScottyDogPart> scotty_dog(const std::map<std::string, Landmark>& landmarks,
                                      const std::string& level, const std::string& side);

// The dogs a trainee at `level` looks at: that vertebra's (both, for a segment "L4-L5") and
// the vertebrae's just above and below, cranial first, on `side`; for "S1", L5's.
std::vector<ScottyDogPart> scotty_dogs_around(const Patient& patient, const std::string& level,
                                              const std::string& side);

// A display colour per part (RGB), the same in the app and in `fluorosim render`.
std::array<unsigned char, 3> scotty_dog_colour(const std::string& part);

// What to write beside a part: the dog's name ("ear") in an oblique of 15-60 deg, where the
// dog is seen, else the short anatomical name ("SAP"); the eye adds its level ("L4 eye").
std::string scotty_dog_label(const ScottyDogPart& part, double primary_deg);

// Whose dog an oblique shows: the side the image intensifier has turned toward (LAO: the
// patient's left), i.e. the ipsilateral oblique of that side's facet joints.
std::string oblique_side(double primary_deg);

}  // namespace fluorosim
