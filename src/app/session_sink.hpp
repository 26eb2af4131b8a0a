#pragma once
// What a station tells whoever keeps its sessions (the trainee database's recorder): a new
// session began, each core command it applied, each event, each image taken, the score. The
// calls come in the session's own order, so the commands and events a sink receives equal the
// session's commands() and events().
#include <cstdint>
#include <string>
#include <vector>

#include "core/scenario/scenario.hpp"
#include "core/scoring/score.hpp"
#include "core/session/event.hpp"
#include "core/session/session.hpp"
#include "render/fluoro_imager.hpp"

namespace fluorosim::app {

class SessionSink {
  public:
    virtual ~SessionSink() = default;
    // A fresh session (scenario opened, new patient, replay started), before its first command.
    // `other_patient`: the generator parameters (JSON) when the session runs on a patient that is
    // not the scenario's own (the app's "New patient"), else "".
    virtual void session_started(const Scenario& scenario, std::uint64_t patient_seed,
                                 const std::string& other_patient, const SessionOptions& options) = 0;
    virtual void command_applied(const Command& command) = 0;
    virtual void events_emitted(const std::vector<Event>& events) = 0;
    // The image is on the monitor now: the station's display texture holds it until the next one.
    virtual void image_taken(const ImageRequest& request,
                             const render::Acquisition& acquisition) = 0;
    virtual void scored(const ScoreReport& report) = 0;
};

}  // namespace fluorosim::app
