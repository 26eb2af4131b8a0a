#include "app/session_recorder.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "app/station.hpp"
#include "core/util/error.hpp"
#include "core/util/log.hpp"
#include "core/util/paths.hpp"
#include "io/image_file.hpp"
#include "io/patient_file.hpp"

namespace fluorosim::app {

SessionRecorder::SessionRecorder(io::SessionStore& store, const Station& station,
                                 std::string trainee, std::string mode)
    : store_(store), station_(station), trainee_(std::move(trainee)), mode_(std::move(mode)) {
    store_.add_trainee(trainee_);
    store_.commit();
}

SessionRecorder::~SessionRecorder() { close(); }

template <class F>
void SessionRecorder::guarded(F&& write) {
    if (!problem_.empty()) return;
    try {
        write();
        // Also between frames: a slow frame (an X-ray render under load) must not hold writes
        // back past the interval.
        if (current_) commit_if_due();
    } catch (const InputError& e) {
        // A disk that is full or a database locked for longer than its 5 s busy wait: the
        // simulator goes on, without recording, and the picker says why.
        problem_ = std::string("session recording stopped: ") + e.what();
        log::error(problem_);
        current_.reset();
    }
}

void SessionRecorder::set_trainee(const std::string& name) {
    guarded([&] {
        if (name.empty() || name == trainee_) return;
        trainee_ = name;
        store_.add_trainee(name);
        if (current_ && !finished_) store_.set_trainee(*current_, name);
        commit();
    });
}

void SessionRecorder::commit() {
    store_.commit();
    last_commit_ = std::chrono::steady_clock::now();
}

void SessionRecorder::tick() {
    guarded([&] {
        if (live_ && !station_.core().carm.pedal_down) flush_live_image();  // the run is over
        commit_if_due();
    });
}

void SessionRecorder::commit_if_due() {
    if (std::chrono::duration<double>(std::chrono::steady_clock::now() - last_commit_).count() >=
        commit_interval_s)
        commit();
}

void SessionRecorder::end_current(io::SessionStatus status) {
    if (!current_) return;
    flush_live_image();
    if (!finished_ && !trainee_acted_)
        store_.delete_session(*current_);
    else if (!finished_)
        store_.set_status(*current_, status);
    current_.reset();
    commit();
}

void SessionRecorder::close() {
    guarded([&] { end_current(io::SessionStatus::abandoned); });
}

void SessionRecorder::session_started(const Scenario& scenario, std::uint64_t patient_seed,
                                      const std::string& other_patient, const SessionOptions& options) {
    guarded([&] {
        end_current(io::SessionStatus::abandoned);  // replaced before it was finished
        io::NewSession s;
        s.trainee = trainee_;
        s.scenario = scenario.name;
        s.scenario_file = scenario.file;
        s.patient_seed = patient_seed;
        s.patient = other_patient;
        s.session_seed = options.seed;
        s.bevel_deflection = options.bevel_deflection;
        s.mode = mode_;
        s.pid = ::getpid();
        current_ = store_.begin_session(s);
        finished_ = trainee_acted_ = false;
        commit();  // the session exists on disk from its first moment
    });
}

void SessionRecorder::attach(Station& station) {
    station.set_sink(this);
    // The session the station opened with, written as if it had been recorded from its start.
    const StationState& st = station.state();
    session_started(st.scenario, station.patient_model().parameters.seed, station.other_patient(),
                    station.session().options());
    for (const Command& c : station.session().commands()) store_.append_command(*current_, c);
    events_emitted(station.session().events());
    if (st.has_image)
        for (auto e = station.session().events().rbegin(); e != station.session().events().rend();
             ++e)
            if (e->image) {
                store_image(
                    {e->time, *e->image, st.last, thumbnail(station.renderer().read_display())});
                break;
            }
    commit();
}

void SessionRecorder::command_applied(const Command& command) {
    guarded([&] {
        if (!current_) return;
        if (command.kind == CommandKind::pedal_down) flush_live_image();  // the previous run's
        trainee_acted_ |= command.time > 0.0;
        store_.append_command(*current_, command);
    });
}

void SessionRecorder::events_emitted(const std::vector<Event>& events) {
    guarded([&] {
        if (!current_) return;
        for (const Event& e : events) store_.append_event(*current_, e);
    });
}

void SessionRecorder::image_taken(const ImageRequest& request,
                                  const render::Acquisition& acquisition) {
    guarded([&] {
        if (!current_) return;
        if (request.single_shot) {
            flush_live_image();
            store_image(capture(request, acquisition));
        } else {
            live_ = capture(request, acquisition);
        }
    });
}

SessionRecorder::PendingImage SessionRecorder::capture(
    const ImageRequest& request, const render::Acquisition& acquisition) const {
    return {station_.clock(), request, acquisition, thumbnail(station_.renderer().read_display())};
}

void SessionRecorder::flush_live_image() {
    if (!live_ || !current_) return;
    store_image(*live_);
    live_.reset();
}

void SessionRecorder::store_image(const PendingImage& image) {
    io::StoredImage s;
    s.time = image.time;
    s.index = image.request.index;
    s.single_shot = image.request.single_shot;
    s.primary_deg = image.request.pose.primary_deg;
    s.secondary_deg = image.request.pose.secondary_deg;
    s.angles = console_angles(image.request.pose);
    s.kvp = image.acquisition.technique.kvp;
    s.ma = image.acquisition.technique.ma;
    s.png = io::encode_png(image.thumbnail);
    store_.append_image(*current_, s);
}

void SessionRecorder::scored(const ScoreReport& report) {
    guarded([&] {
        if (!current_) return;
        flush_live_image();
        store_.finish_session(*current_, report);
        finished_ = true;
        commit();
    });
}

namespace {

// Puts the stored session's patient on the station: a generated one (cached after its first
// generation) or a user's mesh file. Throws InputError at `where` when it cannot.
void use_stored_patient(Station& station, const std::string& text, const SourceLocation& where) {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_object() && j.contains("mesh")) {
        try {
            const std::string up = j.at("up");
            station.apply(command::LoadMesh{j.at("mesh"), j.at("mm_per_unit"), up.empty() ? 'z' : up[0]});
        } catch (const nlohmann::json::exception& e) {
            throw InputError(where, std::string("malformed mesh patient: ") + e.what());
        }
        if (station.patient_model().scene.objects.empty() || station.other_patient().empty())
            throw InputError(where, "the session's mesh patient cannot be opened: " + station.state().message);
        return;
    }
    const PatientParameters p = io::parse_patient_parameters(text, where);
    auto patient = std::make_shared<io::PatientModel>(io::obtain_patient(p, MaterialLibrary::standard()));
    station.apply(command::UsePatient{std::move(patient), "seed " + std::to_string(p.seed) + " (recovered)"});
}

}  // namespace

void SessionRecorder::recover(Station& station, std::int64_t id) {
    const io::SessionInfo info = store_.session(id);
    const Recording recording = store_.recording(id);
    // The scenario file as recorded, relative to the working folder, else to the data folder.
    std::string file = info.scenario_file;
    if (!std::filesystem::exists(file) && std::filesystem::exists(paths::data_dir() / file))
        file = (paths::data_dir() / file).string();
    if (!std::filesystem::exists(file))
        throw InputError(
            {info.scenario_file, 0, ""},
            "cannot recover session " + std::to_string(id) + ": no such scenario file");
    end_current(io::SessionStatus::abandoned);
    station.set_sink(nullptr);  // the stored commands are already written
    // Reopened also when the station is on a patient of its own ("New patient", a mesh), so a
    // session stored on the scenario's patient is not replayed through another's anatomy.
    if (station.state().scenario.file != file || !station.other_patient().empty())
        station.apply(command::LoadScenario{file});
    if (station.state().scenario.file != file) {
        station.set_sink(this);
        throw InputError("cannot recover session " + std::to_string(id) + ": " +
                         station.state().message);
    }
    if (!info.patient.empty()) {
        // The session ran on another patient than the scenario's: that one again, or the
        // replay would put the same needle path through different anatomy.
        try {
            use_stored_patient(station, info.patient, {store_.file().string(), 0,
                                                       "sessions[" + std::to_string(id) + "].patient"});
        } catch (...) {
            station.set_sink(this);
            throw;
        }
    }
    station.replay(recording);
    station.set_sink(this);
    // The replayed session is the stored one; its events are re-derived (a crash may have cut
    // the last second's events short), so the stored events equal the session's again.
    store_.replace_events(id, station.session().events());
    store_.set_writer(id, ::getpid());
    current_ = id;
    finished_ = false;
    trainee_acted_ = true;
    trainee_ = info.trainee;
    commit();
    log::info("recovered session " + std::to_string(id) + " of " + info.trainee + " (" +
              std::to_string(recording.commands.size()) + " commands)");
}

void SessionRecorder::discard(std::int64_t id) {
    store_.set_status(id, io::SessionStatus::abandoned);
    commit();
}

Image8 thumbnail(const Image8& display, int size) {
    // Box filter over whole source pixels: a 512-px monitor image becomes 256 px, 2x2 to 1.
    const int step = std::max(1, (std::max(display.width, display.height) + size - 1) / size);
    Image8 thumb(display.width / step, display.height / step, 1);
    for (int y = 0; y < thumb.height; ++y)
        for (int x = 0; x < thumb.width; ++x) {
            int sum = 0;
            for (int dy = 0; dy < step; ++dy)
                for (int dx = 0; dx < step; ++dx)
                    sum += display.at(x * step + dx, y * step + dy, 0);
            thumb.at(x, y) = std::uint8_t(sum / (step * step));
        }
    return thumb;
}

}  // namespace fluorosim::app
