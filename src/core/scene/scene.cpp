#include "core/scene/scene.hpp"

#include <algorithm>
#include <cassert>

namespace fluorosim {

int Scene::add(SceneObject object) {
    assert(object.parent < static_cast<int>(objects.size()));
    objects.push_back(std::move(object));
    return static_cast<int>(objects.size()) - 1;
}

std::size_t Scene::triangle_count() const {
    std::size_t n = 0;
    for (const auto& o : objects) n += o.mesh.triangle_count();
    return n;
}

Aabb Scene::bounds() const {
    Aabb box;
    for (const auto& o : objects) box.grow(fluorosim::bounds(o.mesh));
    return box;
}

MaterialChannels material_channels(const Scene& scene) {
    MaterialChannels ch;
    auto channel_of = [&](const std::string& material) {
        auto it = std::find(ch.materials.begin(), ch.materials.end(), material);
        if (it != ch.materials.end()) return static_cast<int>(it - ch.materials.begin());
        ch.materials.push_back(material);
        return static_cast<int>(ch.materials.size()) - 1;
    };
    for (const auto& o : scene.objects) {
        ch.add_channel.push_back(channel_of(o.material));
        ch.subtract_channel.push_back(o.parent >= 0 ? channel_of(scene.objects[o.parent].material) : -1);
    }
    return ch;
}

}  // namespace fluorosim
