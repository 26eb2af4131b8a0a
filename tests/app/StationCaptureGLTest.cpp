// The station keeps a thumbnail of every image it shows, the HTML report embeds them, and an
// image drawn again from a recording (what the replay viewer shows) is the image the station
// showed when the recording was made.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "app/recorded_image.hpp"
#include "app/station.hpp"
#include "io/patient_file.hpp"
#include "render/gl_context.hpp"
#include "support/test_paths.hpp"

namespace fluorosim::app {
namespace {

std::string scenario() { return (test::source_dir() / "scenarios" / "mbb_l4_left.yaml").string(); }
Recording expert() {
    return load_recording(
        (test::source_dir() / "scenarios" / "recordings" / "mbb_l4_left_expert.txt").string());
}

TEST(StationCaptureGLTest, EveryImageIsKeptAsAThumbnailAndEmbeddedInTheReport) {
    render::HeadlessContext context;
    Station station(scenario(), 256);
    station.replay(expert());
    const auto& images = station.captures().images();
    ASSERT_EQ(int(images.size()),
              station.core().carm.images);  // the replayed session's, not the scout
    ASSERT_EQ(images.size(), 4u);
    for (std::size_t i = 0; i < images.size(); ++i) {
        const CapturedImage& c = images[i];
        EXPECT_EQ(c.info.index, int(i));
        EXPECT_TRUE(c.info.single_shot);
        EXPECT_GT(c.info.kvp, 40.0);
        EXPECT_NE(c.texture.id(), 0u);
        const int n = ImageCaptures::k_thumbnail_px;
        ASSERT_EQ(c.thumbnail.width, n);
        // A round image-intensifier field: black corner, lit inside.
        EXPECT_LT(c.thumbnail.at(2, 2, 0), 15) << "image " << i;
        EXPECT_GT(c.thumbnail.at(n / 4, n / 2, 0), 40) << "image " << i;
    }
    EXPECT_DOUBLE_EQ(images[0].info.time, 2.0);
    EXPECT_EQ(images[2].info.angles, "LAO 90°");

    station.apply(command::Finish{});
    ASSERT_TRUE(station.state().report);
    const auto html = test::output_dir() / "station_report.html";
    station.apply(command::ExportReport{html.string()});
    std::stringstream text;
    text << std::ifstream(html).rdbuf();
    std::size_t embedded = 0;
    for (std::size_t at = 0;
         (at = text.str().find("data:image/png;base64,", at)) != std::string::npos; ++at)
        ++embedded;
    EXPECT_EQ(embedded, 5u) << "four shots, then the last image full size";
    EXPECT_NE(text.str().find("9.0 s  shot  LAO 90°"), std::string::npos);
}

TEST(StationCaptureGLTest, AnImageDrawnAgainFromTheRecordingIsTheOneTheStationShowed) {
    render::HeadlessContext context;
    Station station(scenario(), 256);
    const Recording r = expert();
    station.replay(r);
    const Image8 shown =
        station.renderer().read_display();  // the last shot (AP at 12 s, needle on bone)

    const Patient& patient = station.patient_model();
    ReplayCursor cursor(r, station.state().scenario, station.tissue_query(), &patient.structures);
    ASSERT_EQ(cursor.images().size(), 4u);
    render::FluoroImager imager(256, MaterialLibrary::standard());
    imager.set_patient(patient.scene);
    render_recorded_image(imager, cursor.images().back(), patient, *station.tissue_query(),
                          contrast_deposits(patient, cursor.events()), station.state().stages,
                          station.state().invert);
    const Image8 again = imager.renderer().read_display();
    ASSERT_EQ(again.pixels.size(), shown.pixels.size());
    double diff = 0;
    for (std::size_t i = 0; i < shown.pixels.size(); ++i)
        diff += std::abs(int(shown.pixels[i]) - int(again.pixels[i]));
    EXPECT_LT(diff / double(shown.pixels.size()), 0.01)
        << "same pose, technique, seed and needle: the same image";

    // A different image of the same recording (another pose) is clearly not the same.
    render_recorded_image(imager, cursor.images()[2], patient, *station.tissue_query(), {},
                          station.state().stages, station.state().invert);
    const Image8 other = imager.renderer().read_display();
    double other_diff = 0;
    for (std::size_t i = 0; i < shown.pixels.size(); ++i)
        other_diff += std::abs(int(shown.pixels[i]) - int(other.pixels[i]));
    EXPECT_GT(other_diff / double(shown.pixels.size()), 5.0);
}

}  // namespace
}  // namespace fluorosim::app

namespace fluorosim::app {
namespace {

// What a stored session needs to know of its patient: nothing on the scenario's own, the
// generator parameters after "New patient", and nothing again once a scenario is reopened.
TEST(StationCaptureGLTest, OtherPatientFollowsNewPatientAndScenarioLoads) {
    render::HeadlessContext context;
    Station station(scenario(), 128);
    EXPECT_EQ(station.other_patient(), "");
    PatientParameters p = station.patient_model().parameters;
    p.seed = 9;
    auto model = std::make_shared<io::PatientModel>(station.patient_model());  // same meshes, new parameters
    model->parameters = p;
    station.apply(command::UsePatient{model, "seed 9"});
    EXPECT_EQ(station.other_patient(), io::patient_parameters_text(p));
    EXPECT_EQ(io::parse_patient_parameters(station.other_patient(), {}).seed, 9u);
    station.apply(command::LoadScenario{scenario()});
    EXPECT_EQ(station.other_patient(), "");
}

}  // namespace
}  // namespace fluorosim::app
