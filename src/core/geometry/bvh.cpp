#include "core/geometry/bvh.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <limits>

#include "core/geometry/ray_triangle.hpp"

namespace fluorosim {
namespace {

constexpr int kBins = 16;              // 16 bins reach within a few % of a full SAH sweep
constexpr std::uint32_t kMaxLeaf = 8;  // larger leaves are always split
// SAH costs relative to one triangle test; a box test costs about as much as a triangle here
// (both are a dozen double operations).
constexpr double kTraversalCost = 1.0;
constexpr double kTriangleCost = 1.0;
// Below this depth splits switch to object medians, which halve the count each level, so any
// mesh (even a pathological SAH one) stays under kSahDepth + 32 levels for 2^32 triangles.
constexpr int kSahDepth = 48;
constexpr int kMaxDepth = kSahDepth + 34;  // traversal stack size follows from it

struct Ref {
    Aabb box;
    glm::vec3 centroid;
    std::uint32_t triangle;  // index into the unordered triangle list
};

double half_area(const Aabb& b) {
    if (b.empty()) return 0.0;
    const glm::dvec3 s = glm::dvec3(b.size());
    return s.x * s.y + s.y * s.z + s.z * s.x;
}

int bin_of(float c, float lo, float scale) {
    return std::clamp(static_cast<int>((c - lo) * scale), 0, kBins - 1);
}

struct Split {
    int axis = -1;
    int bin = 0;  // refs in bins <= bin go left
    double cost = std::numeric_limits<double>::infinity();
};

Split best_sah_split(const std::vector<Ref>& refs, std::uint32_t begin, std::uint32_t end,
                     const Aabb& centroids) {
    Split best;
    for (int axis = 0; axis < 3; ++axis) {
        const float lo = centroids.min[axis], extent = centroids.max[axis] - lo;
        if (!(extent > 0.0f)) continue;
        const float scale = float(kBins) / extent;
        std::array<Aabb, kBins> box{};
        std::array<std::uint32_t, kBins> count{};
        for (std::uint32_t i = begin; i < end; ++i) {
            const int b = bin_of(refs[i].centroid[axis], lo, scale);
            box[b].grow(refs[i].box);
            ++count[b];
        }
        // Sweep from the right to get the right-hand areas, then from the left.
        std::array<double, kBins> right_area{};
        std::array<std::uint32_t, kBins> right_count{};
        Aabb acc;
        std::uint32_t n = 0;
        for (int b = kBins - 1; b > 0; --b) {
            acc.grow(box[b]);
            n += count[b];
            right_area[b] = half_area(acc);
            right_count[b] = n;
        }
        acc = Aabb{};
        n = 0;
        for (int b = 0; b < kBins - 1; ++b) {
            acc.grow(box[b]);
            n += count[b];
            if (n == 0 || right_count[b + 1] == 0) continue;
            const double cost = half_area(acc) * n + right_area[b + 1] * right_count[b + 1];
            if (cost < best.cost) best = {axis, b, cost};
        }
    }
    return best;
}

// Rounds a double bound outward to float, so that the stored box still contains it.
float round_down(double x) {
    float f = static_cast<float>(x);
    if (double(f) > x) f = std::nextafter(f, -std::numeric_limits<float>::infinity());
    return f;
}
float round_up(double x) {
    float f = static_cast<float>(x);
    if (double(f) < x) f = std::nextafter(f, std::numeric_limits<float>::infinity());
    return f;
}

}  // namespace

Bvh::Bvh(const TriangleMesh& mesh) {
    const TriangleMesh* one[] = {&mesh};
    build(one);
}

Bvh::Bvh(std::span<const TriangleMesh* const> meshes) { build(meshes); }

Aabb Bvh::bounds() const { return bounds_; }

void Bvh::build(std::span<const TriangleMesh* const> meshes) {
    std::vector<Triangle> unordered;
    std::vector<Ref> refs;
    for (std::size_t m = 0; m < meshes.size(); ++m) {
        const TriangleMesh& mesh = *meshes[m];
        for (std::size_t t = 0; t < mesh.triangles.size(); ++t) {
            const glm::uvec3 idx = mesh.triangles[t];
            assert(idx.x < mesh.vertices.size() && idx.y < mesh.vertices.size() &&
                   idx.z < mesh.vertices.size());
            const Triangle tri{mesh.vertices[idx.x], mesh.vertices[idx.y], mesh.vertices[idx.z],
                               static_cast<std::uint32_t>(m), static_cast<std::uint32_t>(t)};
            Ref ref;
            ref.box.grow(tri.v0);
            ref.box.grow(tri.v1);
            ref.box.grow(tri.v2);
            ref.centroid = ref.box.centre();
            ref.triangle = static_cast<std::uint32_t>(unordered.size());
            bounds_.grow(ref.box);
            unordered.push_back(tri);
            refs.push_back(ref);
        }
    }
    assert(unordered.size() < std::numeric_limits<std::uint32_t>::max());
    if (refs.empty()) return;

    // Node boxes are padded so that rounding can never make the box test reject a triangle the
    // exact triangle test would hit. The triangle test works on the ray after a rounded shear,
    // whose error is about 2^-52 times the distance from the ray origin (2e-13 mm at 1 m); the
    // slab test errs by as much. A pad of 1e-9 of the scene's extent and distance from the
    // origin (1e-6 mm for a 1 m scene) leaves six orders of margin for origins up to a
    // kilometre away, and costs nothing measurable in culling.
    const double extent = glm::length(glm::dvec3(bounds_.size()));
    const double reach = glm::length(glm::max(glm::abs(glm::dvec3(bounds_.min)),
                                              glm::abs(glm::dvec3(bounds_.max))));
    const double pad = 1e-9 * (extent + reach);

    struct Task {
        std::uint32_t node, begin, end;
        int depth;
    };
    std::vector<Task> stack{{0, 0, static_cast<std::uint32_t>(refs.size()), 1}};
    nodes_.reserve(2 * refs.size());  // a binary tree with n leaves has 2n - 1 nodes
    nodes_.emplace_back();
    while (!stack.empty()) {
        const Task task = stack.back();
        stack.pop_back();
        depth_ = std::max(depth_, task.depth);
        Aabb box, centroids;
        for (std::uint32_t i = task.begin; i < task.end; ++i) {
            box.grow(refs[i].box);
            centroids.grow(refs[i].centroid);
        }
        Node& node = nodes_[task.node];
        for (int k = 0; k < 3; ++k) {
            node.lo[k] = round_down(double(box.min[k]) - pad);
            node.hi[k] = round_up(double(box.max[k]) + pad);
        }
        const std::uint32_t n = task.end - task.begin;

        std::uint32_t mid = task.begin;
        bool leaf = n <= 1 || (task.depth >= kSahDepth && n <= kMaxLeaf);
        if (!leaf && task.depth < kSahDepth) {
            const Split split = best_sah_split(refs, task.begin, task.end, centroids);
            const double split_cost =
                kTraversalCost + kTriangleCost * split.cost / std::max(half_area(box), 1e-300);
            if (split.axis >= 0 && (n > kMaxLeaf || split_cost < kTriangleCost * n)) {
                const float lo = centroids.min[split.axis];
                const float scale = float(kBins) / (centroids.max[split.axis] - lo);
                const auto first_right = std::partition(
                    refs.begin() + task.begin, refs.begin() + task.end, [&](const Ref& r) {
                        return bin_of(r.centroid[split.axis], lo, scale) <= split.bin;
                    });
                mid = static_cast<std::uint32_t>(first_right - refs.begin());
            } else if (split.axis >= 0 || n <= kMaxLeaf) {
                leaf = true;  // a leaf is cheaper than any split
            }
        }
        if (!leaf && (mid == task.begin || mid == task.end)) {
            // No SAH split (too deep, or all centroids coincide): halve by object median along
            // the widest centroid axis, which always makes progress.
            const glm::vec3 s = centroids.size();
            const int axis = s.x >= s.y ? (s.x >= s.z ? 0 : 2) : (s.y >= s.z ? 1 : 2);
            mid = task.begin + n / 2;
            std::nth_element(refs.begin() + task.begin, refs.begin() + mid,
                             refs.begin() + task.end, [axis](const Ref& a, const Ref& b) {
                                 return a.centroid[axis] < b.centroid[axis];
                             });
        }
        if (leaf) {
            node.first = task.begin;
            node.count = n;
            continue;
        }
        const auto left = static_cast<std::uint32_t>(nodes_.size());
        node.first = left;  // `node` is not used after the emplace_backs below
        node.count = 0;
        nodes_.emplace_back();
        nodes_.emplace_back();
        stack.push_back({left, task.begin, mid, task.depth + 1});
        stack.push_back({left + 1, mid, task.end, task.depth + 1});
    }
    assert(depth_ <= kMaxDepth);

    triangles_.reserve(refs.size());
    for (const Ref& r : refs) triangles_.push_back(unordered[r.triangle]);
}

void Bvh::intersect_all(const glm::dvec3& origin, const glm::dvec3& dir, double t_min,
                        double t_max, std::vector<BvhHit>& hits) const {
    if (nodes_.empty() || !(t_min <= t_max)) return;
    const WatertightRay ray(origin, dir);
    // A zero direction component makes the slab test 0 * inf; test that axis by position.
    bool flat[3];
    glm::dvec3 inv(0.0);
    for (int k = 0; k < 3; ++k) {
        flat[k] = dir[k] == 0.0;
        if (!flat[k]) inv[k] = 1.0 / dir[k];
    }
    auto box_hit = [&](const Node& node) {
        double t0 = t_min, t1 = t_max;
        for (int k = 0; k < 3; ++k) {
            if (flat[k]) {
                if (origin[k] < double(node.lo[k]) || origin[k] > double(node.hi[k])) return false;
                continue;
            }
            double a = (double(node.lo[k]) - origin[k]) * inv[k];
            double b = (double(node.hi[k]) - origin[k]) * inv[k];
            if (a > b) std::swap(a, b);
            t0 = std::max(t0, a);
            t1 = std::min(t1, b);
        }
        return t0 <= t1;
    };

    std::uint32_t stack[kMaxDepth + 1];
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
        const Node& node = nodes_[stack[--top]];
        if (!box_hit(node)) continue;
        if (node.count == 0) {
            stack[top++] = node.first;
            stack[top++] = node.first + 1;
            continue;
        }
        for (std::uint32_t i = node.first; i < node.first + node.count; ++i) {
            const Triangle& tri = triangles_[i];
            TriangleHit hit;
            if (intersect_triangle(ray, glm::dvec3(tri.v0), glm::dvec3(tri.v1), glm::dvec3(tri.v2),
                                   t_min, t_max, hit)) {
                hits.push_back({hit.t, tri.mesh, tri.index, hit.facing});
            }
        }
    }
}

void Bvh::intersect_segment(const glm::dvec3& a, const glm::dvec3& b,
                            std::vector<BvhHit>& hits) const {
    assert(a != b);
    intersect_all(a, b - a, 0.0, 1.0, hits);
}

}  // namespace fluorosim
