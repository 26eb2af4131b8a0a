#pragma once
// What the trainee is told when the needle tip enters a structure: the event kind and one
// sentence in the words of the procedure room (what the hand feels, what the hub shows, what
// the patient says). Skin pop and loss of resistance depend on the needle's history, so the
// session decides those; everything that depends only on the tissue entered is here.
#include <string>

#include "core/anatomy/patient.hpp"
#include "core/needle/tissue_mechanics.hpp"
#include "core/session/event.hpp"

namespace fluorosim {

struct EntryReport {
    EventKind kind = EventKind::tissue_entered;
    std::string message;
};

// `from`: the tissue the tip came from. `structure`: the label of the object entered, null in
// a bare scene (then level and side are read from the object name, "nerve root L5 left").
EntryReport entry_report(TissueClass tissue, TissueClass from, const std::string& object_name,
                         const Structure* structure);

// Where a root's pain is felt (standard dermatome map), e.g. L5: "the outer shin and the top
// of the foot"; "" for a level it does not know.
std::string dermatome(const std::string& root_level);

}  // namespace fluorosim
