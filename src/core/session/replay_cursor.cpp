#include "core/session/replay_cursor.hpp"

#include <algorithm>
#include <cmath>

namespace fluorosim {

ReplayCursor::ReplayCursor(Recording recording, const Scenario& scenario,
                           std::shared_ptr<const TissueQuery> query,
                           const std::vector<Structure>* structures)
    : recording_(std::move(recording)),
      scenario_(scenario),
      query_(std::move(query)),
      structures_(structures) {
    const std::size_t n = recording_.commands.size();
    // About 32 checkpoints whatever the length (at least 64 commands apart): a seek replays at
    // most n/32 commands, and the copies (each holds the events so far) stay O(32 n).
    const std::size_t spacing = std::max<std::size_t>(64, (n + 31) / 32);
    Session s = fresh();
    checkpoints_.push_back({0, s});
    TipSample last{};
    bool have_last = false;
    for (std::size_t i = 0; i < n; ++i) {
        const Command& c = recording_.commands[i];
        // Pulses due by this command's time first, with the needle as it stood before it acts
        // (Session::apply emits them the same way), so each image keeps the needle it showed.
        auto keep_images = [&](const std::vector<Event>& batch) {
            std::size_t before = s.events().size() - batch.size();
            for (const Event& e : batch) {
                if (e.kind == EventKind::image_requested && e.image)
                    images_.push_back({e.time, *e.image, s.shaft_polyline(),
                                       s.state().needle.spec.outer_diameter_mm, before});
                ++before;
            }
        };
        keep_images(s.advance_to(c.time));
        keep_images(s.apply(c));  // a shot or pedal press: its pulse, before anything moves
        const NeedleState& needle = s.state().needle;
        if (needle.placed) {
            const TipSample sample{c.time, needle.tip(), needle.in_tissue};
            if (!have_last || sample.tip != last.tip || sample.in_tissue != last.in_tissue)
                tip_path_.push_back(sample);
            last = sample;
            have_last = true;
        }
        if ((i + 1) % spacing == 0) checkpoints_.push_back({i + 1, s});
    }
    for (const Command& c : recording_.commands)
        if (std::isfinite(c.time)) duration_ = std::max(duration_, c.time);
    for (const Event& e : s.events()) duration_ = std::max(duration_, e.time);
    full_.emplace(std::move(s));
    current_.emplace(checkpoints_.front().session);
    current_applied_ = 0;
    time_ = 0.0;
    seek(0.0);
}

Session ReplayCursor::fresh() const {
    return Session(scenario_, query_, structures_, recording_.options());
}

std::size_t ReplayCursor::prefix_length(double t) const {
    std::size_t i = 0;
    while (i < recording_.commands.size() && recording_.commands[i].time <= t) ++i;
    return i;
}

const Session& ReplayCursor::seek(double t) {
    t = std::clamp(t, 0.0, duration_);
    const std::size_t want = prefix_length(t);
    // Forward from where the cursor stands when nothing it did lies after t; otherwise from the
    // last checkpoint inside the prefix.
    if (!(t >= time_ && want >= current_applied_)) {
        auto it = std::find_if(checkpoints_.rbegin(), checkpoints_.rend(),
                               [&](const Checkpoint& c) { return c.applied <= want; });
        current_.emplace(it->session);
        current_applied_ = it->applied;
    }
    for (; current_applied_ < want; ++current_applied_)
        current_->apply(recording_.commands[current_applied_]);
    current_->advance_to(t);
    time_ = t;
    return *current_;
}

int ReplayCursor::image_at(double t) const {
    const auto it = std::upper_bound(images_.begin(), images_.end(), t,
                                     [](double v, const RecordedImage& im) { return v < im.time; });
    return int(it - images_.begin()) - 1;
}

}  // namespace fluorosim
