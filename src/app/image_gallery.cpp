#include "app/image_gallery.hpp"

#include <algorithm>
#include <cstdio>

#include "io/image_file.hpp"

namespace fluorosim::app {

void ImageCaptures::add(const ImageInfo& info, GLuint texture, int width, int height) {
    if (!info.single_shot && ++pulses_ > k_max_pulses) {
        ++dropped_;
        return;
    }
    CapturedImage c;
    c.info = info;
    c.thumbnail = render::read_thumbnail(texture, width, height, k_thumbnail_px);
    c.texture = render::upload_rgba8(c.thumbnail);
    images_.push_back(std::move(c));
}

void ImageCaptures::clear() {
    images_.clear();
    pulses_ = 0;
    dropped_ = 0;
}

std::vector<ImageInfo> ImageCaptures::infos() const {
    std::vector<ImageInfo> out;
    for (const auto& c : images_) out.push_back(c.info);
    return out;
}

std::vector<std::size_t> images_held_on_monitor(const std::vector<ImageInfo>& images) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < images.size(); ++i) {
        const ImageInfo& a = images[i];
        const bool last = i + 1 == images.size();
        const bool run_ends = last || images[i + 1].single_shot ||
                              images[i + 1].time - a.time > 1.5 / std::max(a.pulse_rate, 0.1);
        if (a.single_shot || run_ends) out.push_back(i);
    }
    return out;
}

std::string describe(const ImageInfo& info) {
    // Pulses come 1/15 s apart at the usual rate: two decimals tell them apart.
    char b[160];
    std::snprintf(b, sizeof b, "%.*f s  %s  %s  %.0f kVp %.1f mA", info.single_shot ? 1 : 2,
                  info.time, info.single_shot ? "shot" : "fluoro pulse", info.angles.c_str(),
                  info.kvp, info.ma);
    return b;
}

std::vector<ReportImage> report_images(const ImageCaptures& captures) {
    std::vector<ReportImage> out;
    const auto& images = captures.images();
    for (std::size_t i : images_held_on_monitor(captures.infos()))
        out.push_back({describe(images[i].info), io::encode_png(images[i].thumbnail)});
    return out;
}

}  // namespace fluorosim::app
