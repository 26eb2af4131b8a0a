// The CLI's `--disable` list: every stage name switches off exactly its stage, an unknown name
// is an input error that lists the known ones, and the recursive filter's quanta factor is the
// steady state of out = a * new + (1 - a) * previous.
#include <gtest/gtest.h>

#include <cmath>

#include "core/util/error.hpp"
#include "core/xray/image_chain.hpp"

namespace fluorosim {
namespace {

TEST(ImageChainStages, AllStagesAreOnByDefault) {
    const ChainStages s;
    EXPECT_TRUE(s.abc && s.scatter && s.noise && s.blur && s.vignetting && s.edges &&
                s.noise_filter);
}

TEST(ImageChainStages, EdgesAndNoiseFilterSwitchOffAlone) {
    const ChainStages s = disable_stages(ChainStages{}, "edges,noise_filter");
    EXPECT_FALSE(s.edges);
    EXPECT_FALSE(s.noise_filter);
    EXPECT_TRUE(s.abc && s.scatter && s.noise && s.blur && s.vignetting);
    // The alternative name of the filter, and each alone.
    EXPECT_FALSE(disable_stages(ChainStages{}, "recursive_filter").noise_filter);
    EXPECT_TRUE(disable_stages(ChainStages{}, "recursive_filter").edges);
    EXPECT_FALSE(disable_stages(ChainStages{}, "edges").edges);
    EXPECT_TRUE(disable_stages(ChainStages{}, "edges").noise_filter);
    // The older names still work next to the new ones.
    const ChainStages all =
        disable_stages(ChainStages{}, "abc,scatter,noise,blur,vignetting,edges,noise_filter");
    EXPECT_FALSE(all.abc || all.scatter || all.noise || all.blur || all.vignetting || all.edges ||
                 all.noise_filter);
}

TEST(ImageChainStages, UnknownStageIsAnInputErrorListingTheKnownOnes) {
    try {
        disable_stages(ChainStages{}, "edges,sharpen");
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("sharpen"), std::string::npos) << what;
        EXPECT_NE(what.find("edges"), std::string::npos) << what;
        EXPECT_NE(what.find("noise_filter"), std::string::npos) << what;
    }
    EXPECT_THROW(disable_stages(ChainStages{}, "Edges"), InputError);  // names are exact
}

TEST(ImageChainStages, RecursiveFilterQuantaFactorIsTheSteadyState) {
    // a = 0.25: 7x the quanta, the std of a still scene's noise down sqrt(7) = 2.65x.
    EXPECT_DOUBLE_EQ(recursive_filter_quanta_factor(0.25), 7.0);
    EXPECT_DOUBLE_EQ(recursive_filter_quanta_factor(1.0), 1.0);  // a = 1: no filtering
    // Against the recursion itself: variance of sum_k a (1-a)^k x_k for unit-variance x_k.
    const double a = kRecursiveFilterWeight;
    double variance = 0;
    for (int k = 0; k < 400; ++k) variance += std::pow(a * std::pow(1.0 - a, k), 2.0);
    EXPECT_NEAR(1.0 / variance, recursive_filter_quanta_factor(), 1e-9);
}

}  // namespace
}  // namespace fluorosim
