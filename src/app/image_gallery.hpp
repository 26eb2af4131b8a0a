#pragma once
// Every image the monitor showed in an attempt, as a small thumbnail (read back once from the
// display texture when the image is made), for the debrief's gallery and the HTML report.
#include <cstddef>
#include <string>
#include <vector>

#include "core/scoring/report_export.hpp"
#include "core/session/event.hpp"
#include "render/thumbnail.hpp"

namespace fluorosim::app {

struct ImageInfo {
    int index = 0;             // ImageRequest::index
    double time = 0.0;         // session time of the pulse
    bool single_shot = false;  // false: one pulse of live fluoroscopy
    double pulse_rate = 15.0;  // pulses per second then (tells runs of live pulses apart)
    std::string angles;        // console angles, "LAO 25  CAU 10"
    double kvp = 0.0, ma = 0.0;
};

struct CapturedImage {
    ImageInfo info;
    Image8 thumbnail;         // k_thumbnail_px square RGBA8, row 0 at the top
    render::Texture texture;  // the same, to draw
};

class ImageCaptures {
  public:
    // 192 px keeps a needle and the facet joints legible at 147 kB each.
    static constexpr int k_thumbnail_px = 192;
    // At most this many kept (88 MB): beyond it live pulses are counted, not kept; shots always
    // are.
    static constexpr std::size_t k_max_pulses = 600;

    // Reads `texture` (width x height, the image just displayed) into a new thumbnail.
    void add(const ImageInfo& info, GLuint texture, int width, int height);
    void clear();
    const std::vector<CapturedImage>& images() const { return images_; }
    int dropped() const { return dropped_; }
    std::vector<ImageInfo> infos() const;

  private:
    std::vector<CapturedImage> images_;
    std::size_t pulses_ = 0;
    int dropped_ = 0;
};

// The images that stayed on the monitor for the trainee to study: every single shot and the
// last pulse of each live-fluoroscopy run (last-image hold), indices into `images`. A run ends
// where the next image comes more than 1.5 pulse intervals later, or is a shot.
std::vector<std::size_t> images_held_on_monitor(const std::vector<ImageInfo>& images);

// Those held images as PNGs with captions, for report_html.
std::vector<ReportImage> report_images(const ImageCaptures& captures);

// "12.3 s  shot  LAO 25  CAU 10  72 kVp 4.1 mA"
std::string describe(const ImageInfo& info);

}  // namespace fluorosim::app
