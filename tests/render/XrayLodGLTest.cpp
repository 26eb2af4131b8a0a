// The X-ray's level of detail (core/scene/xray_lod.hpp) on the shipped standard patient: far
// fewer triangles drawn, and an image that differs from the full-detail one by less than a
// trainee could see. Monoenergetic line integrals (no noise), 256^2, AP and lateral.
#include <gtest/gtest.h>

#include <cmath>

#include "core/scene/xray_lod.hpp"
#include "core/xray/material_library.hpp"
#include "io/patient_file.hpp"
#include "render/fluoro_imager.hpp"
#include "render/gl_context.hpp"

namespace fluorosim::render {
namespace {

ImageF line_integral(FluoroImager& imager, double primary_deg) {
    AcquisitionSettings s;
    s.pose.primary_deg = primary_deg;
    s.pose.isocentre = {0.0, 0.0, 80.0};
    s.stages.abc = false;
    s.monoenergetic = true;
    imager.acquire(s);
    return imager.renderer().read_line_integral();
}

TEST(XrayLodGLTest, CoarsensSoftStructuresWithoutAVisibleChange) {
    HeadlessContext context;
    const Patient patient =
        io::load_patient(io::standard_patient_dir(), MaterialLibrary::standard());
    FluoroImager full(256, MaterialLibrary::standard()), coarse(256, MaterialLibrary::standard());
    full.set_patient(patient.scene, false);
    coarse.set_patient(patient.scene, true);
    EXPECT_EQ(full.drawn_triangles(), patient.scene.triangle_count());
    // Ligament, nerve, vessels and CSF are ~40% of the patient's triangles; bone keeps all of its.
    EXPECT_LT(double(coarse.drawn_triangles()), 0.8 * double(full.drawn_triangles()));

    for (double angle : {0.0, 90.0}) {
        const ImageF a = line_integral(full, angle), b = line_integral(coarse, angle);
        double sum = 0.0, worst = 0.0, total = 0.0;
        for (std::size_t i = 0; i < a.pixels.size(); ++i) {
            const double d = std::abs(double(a.pixels[i]) - double(b.pixels[i]));
            sum += d;
            worst = std::max(worst, d);
            total += double(a.pixels[i]);
        }
        const double mean = sum / double(a.pixels.size());
        // Measured: mean 8e-5 and max 0.02 (AP) / 0.045 (lateral) of a mean line integral of
        // 7-8. Limits: mean 0.001 is 1/80 of a grey level at the usual window (4 units of line
        // integral over 255 levels); 0.1 at a single pixel (a vessel's rim that moved by a few
        // tenths of a mm, seen edge-on) is ~6 levels, below what quantum noise does per pixel.
        // A 1% contrast error or a moved bone edge exceeds both.
        EXPECT_LT(mean, 0.001) << "angle " << angle << ", mean line integral "
                               << total / double(a.pixels.size());
        EXPECT_LT(worst, 0.1) << "angle " << angle;
    }
}

}  // namespace
}  // namespace fluorosim::render
