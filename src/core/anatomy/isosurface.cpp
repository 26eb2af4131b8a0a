#include "core/anatomy/isosurface.hpp"

#include <array>
#include <cmath>
#include <unordered_map>

namespace fluorosim {
namespace {

constexpr float kLipschitz = 1.5f;

// Fills points [lo, hi) of the grid: evaluates the block centre and fills the whole block with
// it when no point of the block can be within 2h of an iso surface (gradient norm < 1.5);
// otherwise splits it into octants, down to single points.
void fill_block(const sdf::Field& f, SampledField& s, glm::ivec3 lo, glm::ivec3 hi, float iso_min, float iso_max) {
    const glm::ivec3 size = hi - lo;
    if (size.x <= 0 || size.y <= 0 || size.z <= 0) return;
    const int largest = std::max(size.x, std::max(size.y, size.z));
    if (largest <= 2) {
        for (int k = lo.z; k < hi.z; ++k)
            for (int j = lo.y; j < hi.y; ++j)
                for (int i = lo.x; i < hi.x; ++i) s.values[s.index(i, j, k)] = f(s.point(i, j, k));
        return;
    }
    const glm::vec3 c = 0.5f * (s.point(lo.x, lo.y, lo.z) + s.point(hi.x - 1, hi.y - 1, hi.z - 1));
    const float radius = 0.5f * s.h * glm::length(glm::vec3(size - glm::ivec3(1)));
    const float skip = kLipschitz * (radius + 2.0f * s.h);
    const float fc = f(c);
    if (fc - iso_max > skip || iso_min - fc > skip) {
        for (int k = lo.z; k < hi.z; ++k)
            for (int j = lo.y; j < hi.y; ++j)
                for (int i = lo.x; i < hi.x; ++i) s.values[s.index(i, j, k)] = fc;
        return;
    }
    const glm::ivec3 mid = lo + size / 2;
    for (int o = 0; o < 8; ++o) {
        const glm::ivec3 a((o & 1) ? mid.x : lo.x, (o & 2) ? mid.y : lo.y, (o & 4) ? mid.z : lo.z);
        const glm::ivec3 b((o & 1) ? hi.x : mid.x, (o & 2) ? hi.y : mid.y, (o & 4) ? hi.z : mid.z);
        fill_block(f, s, a, b, iso_min, iso_max);
    }
}

void fill(const sdf::Field& f, SampledField& s, float iso_min, float iso_max) {
    s.values.assign(static_cast<std::size_t>(s.n.x) * s.n.y * s.n.z, 0.0f);
    constexpr int kTop = 32;
    for (int k = 0; k < s.n.z; k += kTop)
        for (int j = 0; j < s.n.y; j += kTop)
            for (int i = 0; i < s.n.x; i += kTop)
                fill_block(f, s, {i, j, k}, glm::min(glm::ivec3(i, j, k) + glm::ivec3(kTop), s.n), iso_min, iso_max);
}

// Kuhn split: tetrahedron t walks 0 -> e_a -> e_a + e_b -> 7 for permutation t of the axes.
// Corner c of a cube has offset (c & 1, (c >> 1) & 1, (c >> 2) & 1). Each tetrahedron is stored
// positively oriented (det(v1-v0, v2-v0, v3-v0) > 0) so one orientation rule serves all.
struct KuhnTets {
    std::array<std::array<int, 4>, 6> tets{};
    KuhnTets() {
        const int perms[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int t = 0; t < 6; ++t) {
            const int a = 1 << perms[t][0], b = 1 << perms[t][1];
            std::array<int, 4> tet{0, a, a | b, 7};
            auto off = [](int c) { return glm::vec3(c & 1, (c >> 1) & 1, (c >> 2) & 1); };
            const glm::vec3 v0 = off(tet[0]);
            const float det = glm::dot(glm::cross(off(tet[1]) - v0, off(tet[2]) - v0), off(tet[3]) - v0);
            if (det < 0.0f) std::swap(tet[2], tet[3]);
            tets[t] = tet;
        }
    }
};

// Parity of a permutation of {0,1,2,3}: true when odd.
bool odd(const std::array<int, 4>& p) {
    int inv = 0;
    for (int i = 0; i < 4; ++i)
        for (int j = i + 1; j < 4; ++j) inv += p[i] > p[j];
    return inv & 1;
}

}  // namespace

SampledField sample_field(const sdf::Field& f, const Aabb& box, float h, float iso_min, float iso_max) {
    SampledField s;
    s.h = h;
    s.origin = box.min - glm::vec3(2.0f * h);
    const glm::vec3 extent = box.size() + glm::vec3(4.0f * h);
    s.n = glm::ivec3(glm::ceil(extent / h)) + glm::ivec3(1);
    fill(f, s, iso_min, iso_max);
    return s;
}

SampledField sample_field_like(const sdf::Field& g, const SampledField& like, float iso_min, float iso_max) {
    SampledField s;
    s.h = like.h;
    s.origin = like.origin;
    s.n = like.n;
    fill(g, s, iso_min, iso_max);
    return s;
}

TriangleMesh extract_isosurface(const SampledField& s, float iso) {
    static const KuhnTets kuhn;
    TriangleMesh mesh;
    std::unordered_map<std::uint64_t, unsigned> edge_vertex;
    // A value exactly at the iso would put a vertex on a grid point shared by several edges;
    // nudging it keeps every surface vertex strictly inside its own edge.
    const float eps = 1e-5f * s.h;
    auto value = [&](std::size_t idx) {
        const float v = s.values[idx] - iso;
        return std::abs(v) < eps ? eps : v;
    };
    auto vertex_on = [&](std::size_t ia, std::size_t ib, const glm::vec3& pa, const glm::vec3& pb, float va,
                         float vb) {
        if (ia > ib) {
            std::swap(ia, ib);
        }
        const std::uint64_t key = (static_cast<std::uint64_t>(ia) << 32) ^ static_cast<std::uint64_t>(ib);
        auto [it, inserted] = edge_vertex.try_emplace(key, static_cast<unsigned>(mesh.vertices.size()));
        if (inserted) {
            const float t = va / (va - vb);
            mesh.vertices.push_back(pa + t * (pb - pa));
        }
        return it->second;
    };
    for (int k = 0; k + 1 < s.n.z; ++k)
        for (int j = 0; j + 1 < s.n.y; ++j)
            for (int i = 0; i + 1 < s.n.x; ++i) {
                std::array<std::size_t, 8> idx;
                std::array<float, 8> val;
                int inside = 0;
                for (int c = 0; c < 8; ++c) {
                    idx[c] = s.index(i + (c & 1), j + ((c >> 1) & 1), k + ((c >> 2) & 1));
                    val[c] = value(idx[c]);
                    inside += val[c] < 0.0f;
                }
                if (inside == 0 || inside == 8) continue;
                auto pos = [&](int c) { return s.point(i + (c & 1), j + ((c >> 1) & 1), k + ((c >> 2) & 1)); };
                auto ev = [&](int a, int b) { return vertex_on(idx[a], idx[b], pos(a), pos(b), val[a], val[b]); };
                for (const auto& tet : kuhn.tets) {
                    std::array<int, 4> in{}, out{};
                    int ni = 0, no = 0;
                    for (int q = 0; q < 4; ++q) (val[tet[q]] < 0.0f ? in[ni++] : out[no++]) = q;
                    if (ni == 0 || ni == 4) continue;
                    // Order the local indices inside-first; make the order an even permutation
                    // of the positively oriented tetrahedron by swapping the last two if needed.
                    std::array<int, 4> order{};
                    int m = 0;
                    for (int q = 0; q < ni; ++q) order[m++] = in[q];
                    for (int q = 0; q < no; ++q) order[m++] = out[q];
                    if (odd(order)) std::swap(order[2], order[3]);
                    const int v0 = tet[order[0]], v1 = tet[order[1]], v2 = tet[order[2]], v3 = tet[order[3]];
                    if (ni == 1) {
                        // Face opposite v0, ordered (1,2,3), faces away from v0: outward.
                        mesh.triangles.emplace_back(ev(v0, v1), ev(v0, v2), ev(v0, v3));
                    } else if (ni == 3) {
                        // v3 alone outside (or v2 after the swap): triangle faces toward it.
                        const int o = (val[v3] >= 0.0f) ? v3 : v2;
                        if (o == v3) mesh.triangles.emplace_back(ev(v3, v0), ev(v3, v1), ev(v3, v2));
                        else mesh.triangles.emplace_back(ev(v2, v0), ev(v2, v3), ev(v2, v1));
                    } else {
                        // Inside {v0, v1}, outside {v2, v3}.
                        const unsigned a = ev(v0, v2), b = ev(v0, v3), c = ev(v1, v3), d = ev(v1, v2);
                        mesh.triangles.emplace_back(a, b, c);
                        mesh.triangles.emplace_back(a, c, d);
                    }
                }
            }
    return mesh;
}

}  // namespace fluorosim
