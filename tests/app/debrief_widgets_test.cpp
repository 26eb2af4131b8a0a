// The GL-free parts of the debrief and replay widgets: which events the timeline marks and
// where, and which images the report keeps.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "app/event_timeline.hpp"
#include "app/image_gallery.hpp"

namespace fluorosim::app {
namespace {

TEST(EventTimeline, MarksClinicalEventsOnTheirLanes) {
    EXPECT_EQ(timeline_style(EventKind::bone_contact)->lane, TimelineLane::needle);
    EXPECT_EQ(timeline_style(EventKind::skin_pop)->lane, TimelineLane::needle);
    EXPECT_EQ(timeline_style(EventKind::paraesthesia)->lane, TimelineLane::warnings);
    EXPECT_EQ(timeline_style(EventKind::csf)->lane, TimelineLane::warnings);
    EXPECT_EQ(timeline_style(EventKind::blood_arterial)->lane, TimelineLane::warnings);
    EXPECT_EQ(timeline_style(EventKind::injection)->lane, TimelineLane::injections);
    EXPECT_EQ(timeline_style(EventKind::intrathecal_injection)->lane, TimelineLane::injections);
    EXPECT_EQ(timeline_style(EventKind::image_requested)->lane, TimelineLane::images);
    // Bookkeeping is not marked.
    EXPECT_FALSE(timeline_style(EventKind::needle_selected));
    EXPECT_FALSE(timeline_style(EventKind::plunger_feedback));
    EXPECT_FALSE(timeline_style(EventKind::refused));
    // Arterial and venous blood share one legend entry; CSF and blood differ in colour.
    EXPECT_EQ(timeline_style(EventKind::blood_arterial)->colour,
              timeline_style(EventKind::blood_venous)->colour);
    EXPECT_NE(timeline_style(EventKind::csf)->colour,
              timeline_style(EventKind::blood_arterial)->colour);
}

TEST(EventTimeline, LegendHasEachEntryOnceInLaneOrder) {
    const auto legend = timeline_legend();
    std::set<std::string> names;
    for (std::size_t i = 0; i < legend.size(); ++i) {
        EXPECT_TRUE(names.insert(legend[i].legend).second) << legend[i].legend;
        if (i > 0) {
            EXPECT_LE(legend[i - 1].lane, legend[i].lane);
        }
    }
    EXPECT_GE(legend.size(), 12u);
}

ImageInfo image(double t, bool shot, double rate = 10.0) {
    ImageInfo i;
    i.time = t;
    i.single_shot = shot;
    i.pulse_rate = rate;
    return i;
}

TEST(ImageGallery, HeldImagesAreShotsAndTheLastPulseOfEachRun) {
    // shot at 1; a run at 10 p/s from 2.0 to 2.3; a shot; a run 5.0-5.1; another run 6.0-6.1.
    const std::vector<ImageInfo> images = {image(1.0, true),  image(2.0, false), image(2.1, false),
                                           image(2.2, false), image(2.3, false), image(3.0, true),
                                           image(5.0, false), image(5.1, false), image(6.0, false),
                                           image(6.1, false)};
    EXPECT_EQ(images_held_on_monitor(images), (std::vector<std::size_t>{0, 4, 5, 7, 9}));
    EXPECT_TRUE(images_held_on_monitor({}).empty());
}

TEST(ImageGallery, DescribesAnImageLikeTheConsole) {
    ImageInfo i = image(12.34, true);
    i.angles = "LAO 25  CAU 10";
    i.kvp = 72;
    i.ma = 4.05;
    EXPECT_EQ(describe(i), "12.3 s  shot  LAO 25  CAU 10  72 kVp 4.0 mA");
}

}  // namespace
}  // namespace fluorosim::app
