#pragma once
// The "Scotty dog" of the ipsilateral oblique lumbar view, part by part: eye = pedicle,
// ear = superior articular process, nose = transverse process, neck = pars interarticularis,
// front leg = inferior articular process (clinical.md 2, fluoroscopic views). Read from a
// patient's landmarks, so it works for any generated or shipped patient (a patient opened from
// a user's mesh file has no landmarks, and no dog). Used to label the monitor image for
// trainees (app and `fluorosim render --label-anatomy`) and by the tests that check the dog is
// drawn where, and as dense as, an oblique film shows it.
#include <map>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/anatomy/patient.hpp"

namespace fluorosim {

struct ScottyDogPart {
    std::string part;      // "eye"
    std::string anatomy;   // "pedicle"
    std::string landmark;  // "L4.left.pedicle_centre"
    glm::vec3 point{0.0f};  // patient frame, mm
};

// The parts of one level's dog on one side ("left" / "right") that the landmarks have, in the
// order eye, ear, nose, neck, front leg; empty for an unknown level or a patient without them.
std::vector<ScottyDogPart> scotty_dog(const std::map<std::string, Landmark>& landmarks, const std::string& level,
                                      const std::string& side);

// Whose dog an oblique shows: the side the image intensifier has turned toward (LAO: the
// patient's left), i.e. the ipsilateral oblique of that side's facet joints.
std::string oblique_side(double primary_deg);

}  // namespace fluorosim
