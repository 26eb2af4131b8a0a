#include "core/anatomy/decimate.hpp"

#include <algorithm>
#include <cstdint>
#include <array>
#include <queue>
#include <vector>

namespace fluorosim {
namespace {

// Symmetric 4x4 plane quadric, upper triangle: a2 ab ac ad b2 bc bd c2 cd d2.
struct Quadric {
    std::array<double, 10> q{};
    void add_plane(const glm::dvec3& n, double d) {
        const double p[4] = {n.x, n.y, n.z, d};
        int k = 0;
        for (int i = 0; i < 4; ++i)
            for (int j = i; j < 4; ++j) q[k++] += p[i] * p[j];
    }
    Quadric& operator+=(const Quadric& o) {
        for (int i = 0; i < 10; ++i) q[i] += o.q[i];
        return *this;
    }
    double error(const glm::dvec3& v) const {
        const double x = v.x, y = v.y, z = v.z;
        return q[0] * x * x + 2 * q[1] * x * y + 2 * q[2] * x * z + 2 * q[3] * x + q[4] * y * y +
               2 * q[5] * y * z + 2 * q[6] * y + q[7] * z * z + 2 * q[8] * z + q[9];
    }
    // Position minimising the error, if the 3x3 system is well conditioned.
    bool optimum(glm::dvec3& out) const {
        const glm::dmat3 a(q[0], q[1], q[2], q[1], q[4], q[5], q[2], q[5], q[7]);
        const double det = glm::determinant(a);
        if (std::abs(det) < 1e-9) return false;
        out = glm::inverse(a) * glm::dvec3(-q[3], -q[6], -q[8]);
        return true;
    }
};

struct Candidate {
    double cost;
    unsigned a, b;
    unsigned stamp_a, stamp_b;
    glm::dvec3 position;
    bool operator>(const Candidate& o) const {
        if (cost != o.cost) return cost > o.cost;
        if (a != o.a) return a > o.a;
        return b > o.b;
    }
};

// Vertices of degree > 12 make fans of slivers and slow every later collapse near them.
constexpr std::size_t kMaxDegree = 12;

class Decimator {
public:
    Decimator(TriangleMesh& mesh, const DecimateOptions& options) : mesh_(mesh), opt_(options) {
        const std::size_t nv = mesh.vertices.size();
        pos_.reserve(nv);
        for (const auto& v : mesh.vertices) pos_.emplace_back(v);
        quadric_.assign(nv, Quadric{});
        vt_.assign(nv, {});
        stamp_.assign(nv, 0);
        removed_.assign(nv, 0);
        alive_.assign(mesh.triangles.size(), 1);
        mark_.assign(nv, 0);
        for (unsigned t = 0; t < mesh.triangles.size(); ++t) {
            const auto& tri = mesh.triangles[t];
            const glm::dvec3 n0 = glm::cross(pos_[tri.y] - pos_[tri.x], pos_[tri.z] - pos_[tri.x]);
            const double len = glm::length(n0);
            for (int c = 0; c < 3; ++c) vt_[tri[c]].push_back(t);
            if (len <= 0.0) continue;
            const glm::dvec3 n = n0 / len;
            Quadric q;
            q.add_plane(n, -glm::dot(n, pos_[tri.x]));
            for (int c = 0; c < 3; ++c) quadric_[tri[c]] += q;
        }
        live_triangles_ = mesh.triangles.size();
    }

    void run() {
        for (const auto& tri : mesh_.triangles)
            for (int c = 0; c < 3; ++c)
                if (tri[c] < tri[(c + 1) % 3]) push(tri[c], tri[(c + 1) % 3]);
        const double limit = double(opt_.max_error_mm) * double(opt_.max_error_mm);
        while (!heap_.empty()) {
            if (opt_.target_triangles && live_triangles_ <= opt_.target_triangles) break;
            const Candidate c = heap_.top();
            heap_.pop();
            if (c.cost > limit) break;
            if (removed_[c.a] || removed_[c.b] || stamp_[c.a] != c.stamp_a || stamp_[c.b] != c.stamp_b) continue;
            collapse(c.a, c.b, c.position);
        }
        compact();
    }

private:
    void push(unsigned a, unsigned b) {
        Quadric q = quadric_[a];
        q += quadric_[b];
        glm::dvec3 best;
        double best_cost;
        if (q.optimum(best) && glm::length(best - 0.5 * (pos_[a] + pos_[b])) < glm::length(pos_[a] - pos_[b])) {
            best_cost = q.error(best);
        } else {
            best = pos_[a];
            best_cost = q.error(best);
        }
        for (const glm::dvec3& p : {pos_[b], 0.5 * (pos_[a] + pos_[b])}) {
            const double e = q.error(p);
            if (e < best_cost) best_cost = e, best = p;
        }
        heap_.push(Candidate{std::max(best_cost, 0.0), a, b, stamp_[a], stamp_[b], best});
    }

    // Unique one-ring of v into out (marks them with a fresh generation).
    void ring(unsigned v, std::vector<unsigned>& out) {
        out.clear();
        ++generation_;
        for (unsigned t : vt_[v]) {
            if (!alive_[t]) continue;
            for (int c = 0; c < 3; ++c) {
                const unsigned w = mesh_.triangles[t][c];
                if (w != v && mark_[w] != generation_) mark_[w] = generation_, out.push_back(w);
            }
        }
    }

    std::size_t degree(unsigned v) const {
        std::size_t n = 0;
        for (unsigned t : vt_[v]) n += alive_[t];
        return n;
    }

    void collapse(unsigned a, unsigned b, const glm::dvec3& p) {
        // Triangles holding the edge; a closed manifold has exactly two.
        shared_.clear();
        opposite_.clear();
        for (unsigned t : vt_[a]) {
            if (!alive_[t]) continue;
            const auto& tri = mesh_.triangles[t];
            if (tri.x == b || tri.y == b || tri.z == b) {
                shared_.push_back(t);
                for (int c = 0; c < 3; ++c)
                    if (tri[c] != a && tri[c] != b) opposite_.push_back(tri[c]);
            }
        }
        if (shared_.size() != 2) return;
        // Link condition: the rings of a and b share exactly the two opposite vertices.
        ring(a, na_);
        const unsigned gen_a = generation_;
        std::size_t common = 0, nb = 0;
        ++generation_;
        for (unsigned t : vt_[b]) {
            if (!alive_[t]) continue;
            for (int c = 0; c < 3; ++c) {
                const unsigned w = mesh_.triangles[t][c];
                if (w == b || mark_[w] == generation_) continue;
                const bool in_a = mark_[w] == gen_a;
                mark_[w] = generation_;
                ++nb;
                common += in_a;
            }
        }
        if (common != 2) return;
        const std::size_t deg = na_.size() + nb - 4;
        if (deg < 3 || deg > kMaxDegree) return;  // degenerate, or a fan of slivers
        for (unsigned o : opposite_)
            if (degree(o) <= 3) return;
        // Refuse flips and slivers among the triangles that move.
        for (unsigned v : {a, b}) {
            for (unsigned t : vt_[v]) {
                if (!alive_[t] || t == shared_[0] || t == shared_[1]) continue;
                const auto& tri = mesh_.triangles[t];
                glm::dvec3 q[3], r[3];
                for (int c = 0; c < 3; ++c) {
                    q[c] = pos_[tri[c]];
                    r[c] = (tri[c] == a || tri[c] == b) ? p : q[c];
                }
                const glm::dvec3 n_old = glm::cross(q[1] - q[0], q[2] - q[0]);
                const glm::dvec3 n_new = glm::cross(r[1] - r[0], r[2] - r[0]);
                const double lo = glm::length(n_old), ln = glm::length(n_new);
                if (ln < 1e-8) return;
                if (lo > 0.0 && glm::dot(n_old, n_new) < double(opt_.min_normal_cos) * lo * ln) return;
            }
        }
        for (unsigned t : shared_) alive_[t] = 0;
        live_triangles_ -= 2;
        merged_.clear();
        for (unsigned t : vt_[a])
            if (alive_[t]) merged_.push_back(t);
        for (unsigned t : vt_[b]) {
            if (!alive_[t]) continue;
            auto& tri = mesh_.triangles[t];
            for (int c = 0; c < 3; ++c)
                if (tri[c] == b) tri[c] = a;
            merged_.push_back(t);
        }
        vt_[a].assign(merged_.begin(), merged_.end());
        vt_[b].clear();
        vt_[b].shrink_to_fit();
        removed_[b] = 1;
        pos_[a] = p;
        quadric_[a] += quadric_[b];
        ++stamp_[a];
        ring(a, na_);
        for (unsigned n : na_) push(std::min(a, n), std::max(a, n));
    }

    void compact() {
        std::vector<unsigned> remap(pos_.size(), ~0u);
        std::vector<glm::vec3> verts;
        std::vector<glm::uvec3> tris;
        for (unsigned t = 0; t < mesh_.triangles.size(); ++t) {
            if (!alive_[t]) continue;
            glm::uvec3 tri = mesh_.triangles[t];
            for (int c = 0; c < 3; ++c) {
                if (remap[tri[c]] == ~0u) {
                    remap[tri[c]] = static_cast<unsigned>(verts.size());
                    verts.push_back(glm::vec3(pos_[tri[c]]));
                }
                tri[c] = remap[tri[c]];
            }
            tris.push_back(tri);
        }
        mesh_.vertices = std::move(verts);
        mesh_.triangles = std::move(tris);
    }

    TriangleMesh& mesh_;
    DecimateOptions opt_;
    std::vector<glm::dvec3> pos_;
    std::vector<Quadric> quadric_;
    std::vector<std::vector<unsigned>> vt_;
    std::vector<unsigned> stamp_;
    std::vector<std::uint8_t> removed_;
    std::vector<std::uint8_t> alive_;
    std::vector<unsigned> mark_;
    unsigned generation_ = 0;
    std::size_t live_triangles_ = 0;
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<Candidate>> heap_;
    std::vector<unsigned> na_, shared_, opposite_, merged_;
};

}  // namespace

void decimate(TriangleMesh& mesh, const DecimateOptions& options) {
    if (mesh.triangles.empty()) return;
    Decimator d(mesh, options);
    d.run();
}

}  // namespace fluorosim
