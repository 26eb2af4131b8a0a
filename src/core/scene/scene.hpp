#pragma once
// A scene for the X-ray: labelled closed meshes, each made of one material, possibly nested in
// a parent object (a cancellous core inside a cortical shell, CSF inside the dura).
//
// Nesting is exact with one additive pass: if object i (material m_i) sits inside object p
// (material m_p), the ray's length inside i is counted +1 for m_i and -1 for m_p, because that
// length was already counted for p. Summed over all objects, every material's channel holds
// exactly the length the ray spends in that material. Objects with the same parent must not
// overlap one another.
#include <string>
#include <vector>

#include "core/geometry/mesh.hpp"

namespace fluorosim {

struct SceneObject {
    std::string name;      // label shown to users ("L4 cortical", "needle")
    std::string material;  // material name from the material library ("bone_cortical")
    int parent = -1;       // index of the enclosing object, -1 = surrounded by room air
    TriangleMesh mesh;
};

struct Scene {
    std::string name;
    std::vector<SceneObject> objects;

    int add(SceneObject object);  // returns its index; asserts the parent exists already
    std::size_t triangle_count() const;
    Aabb bounds() const;
};

// The materials the path-length pass separates: one channel each, in first-use order.
// Room air around the scene is not a channel (one metre of air attenuates ~2% uniformly).
struct MaterialChannels {
    std::vector<std::string> materials;
    // For each scene object: the channel its length adds to and the channel it subtracts from
    // (its parent's material; -1 when the parent is room air).
    std::vector<int> add_channel;
    std::vector<int> subtract_channel;
};
MaterialChannels material_channels(const Scene& scene);

}  // namespace fluorosim
