#include "io/mesh_file.hpp"

#include <assimp/Exporter.hpp>
#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <map>
#include <memory>

#include "core/geometry/nesting.hpp"
#include "core/util/error.hpp"
#include "core/util/log.hpp"
#include "core/xray/material_library.hpp"
#include "io/patient_scene.hpp"

namespace fluorosim::io {
namespace fs = std::filesystem;

double millimetres_per_unit(const std::string& units) {
    if (units == "mm") return 1.0;
    if (units == "cm") return 10.0;
    if (units == "m") return 1000.0;
    throw InputError({"", 0, "units"}, "unknown units '" + units + "' (mm, cm or m)");
}

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

// Keywords in anatomical labels -> X-ray material. Order matters: "cancellous" before "bone".
std::string material_from_label(const std::string& label) {
    static const std::vector<std::pair<const char*, const char*>> keywords = {
        {"cancellous", "bone_cancellous"}, {"marrow", "bone_cancellous"}, {"core", "bone_cancellous"},
        {"cortical", "bone_cortical"},     {"cortex", "bone_cortical"},   {"vertebra", "bone_cortical"},
        {"sacrum", "bone_cortical"},       {"ilium", "bone_cortical"},    {"pelvis", "bone_cortical"},
        {"coccyx", "bone_cortical"},       {"rib", "bone_cortical"},      {"bone", "bone_cortical"},
        {"disc", "disc"},                  {"annulus", "disc"},           {"nucleus", "disc"},
        {"csf", "csf"},                    {"nerve", "nerve"},            {"ganglion", "nerve"},
        {"cauda", "nerve"},                {"flavum", "ligament"},        {"ligament", "ligament"},
        {"capsule", "ligament"},           {"artery", "blood"},           {"aorta", "blood"},
        {"vein", "blood"},                 {"vena", "blood"},             {"vessel", "blood"},
        {"gas", "air"},                    {"fat", "adipose"},            {"adipose", "adipose"},
        {"skin", "skin"},                  {"muscle", "muscle"},          {"psoas", "muscle"},
        {"needle", "steel"},               {"steel", "steel"},
    };
    const std::string l = lower(label);
    for (const auto& [key, material] : keywords)
        if (l.find(key) != std::string::npos) return material;
    return "";
}

struct ImportedObject {
    std::string name;
    std::string material_hint;
    TriangleMesh mesh;
    int file_parent = -1;  // from the node hierarchy
};

glm::mat4 to_glm(const aiMatrix4x4& m) {
    // Assimp matrices are row-major; glm is column-major.
    return glm::mat4(m.a1, m.b1, m.c1, m.d1, m.a2, m.b2, m.c2, m.d2, m.a3, m.b3, m.c3, m.d3, m.a4, m.b4, m.c4, m.d4);
}

glm::mat4 file_to_patient(const MeshImportOptions& o) {
    const float s = float(o.millimetres_per_unit);
    // Columns: where the file's x, y, z axes go in the patient frame (a proper rotation).
    glm::mat4 r(1.0f);
    if (o.up_axis == 'y') r = glm::mat4(glm::vec4(1, 0, 0, 0), glm::vec4(0, 0, 1, 0), glm::vec4(0, -1, 0, 0), glm::vec4(0, 0, 0, 1));
    else if (o.up_axis == 'x') r = glm::mat4(glm::vec4(0, 0, 1, 0), glm::vec4(0, 1, 0, 0), glm::vec4(-1, 0, 0, 0), glm::vec4(0, 0, 0, 1));
    return glm::scale(glm::mat4(1.0f), glm::vec3(s)) * r;
}

}  // namespace

Scene import_scene(const fs::path& path, const MeshImportOptions& options, const MaterialLibrary& library) {
    if (!fs::exists(path)) throw InputError({path.string(), 0, ""}, "mesh file not found");
    if (options.up_axis != 'x' && options.up_axis != 'y' && options.up_axis != 'z')
        throw InputError({path.string(), 0, "up"}, std::string("up axis must be x, y or z, got '") + options.up_axis + "'");
    if (!options.material_override.empty() && !library.has(options.material_override))
    {
        std::string known;
        for (const std::string& n : library.names()) known += (known.empty() ? "" : ", ") + n;
        throw InputError({path.string(), 0, "material"},
                         "unknown material '" + options.material_override + "' (known: " + known + ")");
    }
    Assimp::Importer importer;
    // Normals, UVs and colours would keep JoinIdenticalVertices from welding corners that
    // differ only in them (STL stores a normal per face), leaving every triangle loose; the
    // X-ray needs positions and connectivity only.
    importer.SetPropertyInteger(AI_CONFIG_PP_RVC_FLAGS, aiComponent_NORMALS | aiComponent_TANGENTS_AND_BITANGENTS |
                                                            aiComponent_COLORS | aiComponent_TEXCOORDS);
    const aiScene* ai = importer.ReadFile(path.string(), aiProcess_RemoveComponent | aiProcess_Triangulate |
                                                             aiProcess_JoinIdenticalVertices | aiProcess_SortByPType);
    if (!ai || !ai->mRootNode)
        throw InputError({path.string(), 0, ""}, std::string("cannot read mesh file: ") + importer.GetErrorString());
    if (ai->mNumMeshes == 0) throw InputError({path.string(), 0, ""}, "the file holds no meshes");

    std::vector<ImportedObject> objects;
    const glm::mat4 root = file_to_patient(options);
    std::function<void(const aiNode*, const glm::mat4&, int)> walk = [&](const aiNode* node, const glm::mat4& parent_m,
                                                                        int parent_object) {
        const glm::mat4 m = parent_m * to_glm(node->mTransformation);
        int first_here = -1;
        for (unsigned k = 0; k < node->mNumMeshes; ++k) {
            const aiMesh* am = ai->mMeshes[node->mMeshes[k]];
            if (!(am->mPrimitiveTypes & aiPrimitiveType_TRIANGLE)) continue;
            ImportedObject o;
            std::string name = node->mNumMeshes == 1 && node->mName.length ? node->mName.C_Str() : am->mName.C_Str();
            if (name.empty()) name = "object " + std::to_string(objects.size() + 1);
            // "<label>@<material>" (our STL solids) carries the material in the name, with
            // spaces written as %20 (STL readers end a solid's name at the first space).
            if (const auto at = name.rfind('@'); at != std::string::npos) {
                o.material_hint = name.substr(at + 1);
                name = name.substr(0, at);
                for (std::size_t p = name.find("%20"); p != std::string::npos; p = name.find("%20", p)) name.replace(p, 3, " ");
            } else if (am->mMaterialIndex < ai->mNumMaterials) {
                aiString mat;
                if (ai->mMaterials[am->mMaterialIndex]->Get(AI_MATKEY_NAME, mat) == AI_SUCCESS) o.material_hint = mat.C_Str();
            }
            o.name = name;
            for (unsigned v = 0; v < am->mNumVertices; ++v)
                o.mesh.vertices.push_back(glm::vec3(m * glm::vec4(am->mVertices[v].x, am->mVertices[v].y, am->mVertices[v].z, 1.0f)));
            for (unsigned f = 0; f < am->mNumFaces; ++f) {
                const aiFace& face = am->mFaces[f];
                if (face.mNumIndices == 3) o.mesh.triangles.push_back({face.mIndices[0], face.mIndices[1], face.mIndices[2]});
            }
            if (glm::determinant(glm::mat3(m)) < 0.0f)  // a mirroring transform flips the winding
                for (auto& t : o.mesh.triangles) std::swap(t.y, t.z);
            o.file_parent = parent_object;
            objects.push_back(std::move(o));
            if (first_here < 0) first_here = int(objects.size()) - 1;
        }
        for (unsigned c = 0; c < node->mNumChildren; ++c)
            walk(node->mChildren[c], m, first_here >= 0 ? first_here : parent_object);
    };
    walk(ai->mRootNode, root, -1);
    if (objects.empty()) throw InputError({path.string(), 0, ""}, "the file holds no triangle meshes");

    std::vector<int> parents;
    const bool has_hierarchy = std::any_of(objects.begin(), objects.end(), [](const auto& o) { return o.file_parent >= 0; });
    if (has_hierarchy) {
        for (const auto& o : objects) parents.push_back(o.file_parent);
    } else {
        std::vector<const TriangleMesh*> meshes;
        for (const auto& o : objects) meshes.push_back(&o.mesh);
        parents = infer_parents(meshes);
    }

    Scene scene;
    scene.name = path.filename().string();
    std::vector<int> new_index(objects.size(), -1);
    for (int i : parents_first_order(parents)) {
        auto& o = objects[std::size_t(i)];
        std::string material = options.material_override;
        if (material.empty() && library.has(o.material_hint)) material = o.material_hint;
        if (material.empty()) material = material_from_label(o.name);
        if (material.empty()) material = material_from_label(o.material_hint);
        if (material.empty()) {
            material = options.default_material;
            log::warning(path.string() + ": '" + o.name + "': no known material in its name or the file; using " + material);
        }
        const int parent = parents[std::size_t(i)] >= 0 ? new_index[std::size_t(parents[std::size_t(i)])] : -1;
        new_index[std::size_t(i)] = scene.add({o.name, material, parent, std::move(o.mesh)});
    }
    require_sound_meshes(scene, path.string());
    return scene;
}

namespace {

// An aiScene holding some of our objects (all of them, or one for an STL block).
std::unique_ptr<aiScene> make_ai_scene(const Scene& scene, const std::vector<int>& which, bool hierarchy) {
    auto ai = std::make_unique<aiScene>();
    std::map<std::string, unsigned> material_index;
    for (int i : which) material_index.emplace(scene.objects[std::size_t(i)].material, 0u);
    ai->mNumMaterials = unsigned(material_index.size());
    ai->mMaterials = new aiMaterial*[ai->mNumMaterials];
    unsigned mi = 0;
    for (auto& [name, index] : material_index) {
        index = mi;
        ai->mMaterials[mi] = new aiMaterial();
        const aiString n(name);
        ai->mMaterials[mi]->AddProperty(&n, AI_MATKEY_NAME);
        ++mi;
    }
    ai->mNumMeshes = unsigned(which.size());
    ai->mMeshes = new aiMesh*[ai->mNumMeshes];
    std::map<int, unsigned> mesh_of;
    for (unsigned k = 0; k < which.size(); ++k) {
        const SceneObject& o = scene.objects[std::size_t(which[k])];
        auto* m = new aiMesh();
        m->mName = aiString(o.name);
        m->mPrimitiveTypes = aiPrimitiveType_TRIANGLE;
        m->mMaterialIndex = material_index.at(o.material);
        m->mNumVertices = unsigned(o.mesh.vertices.size());
        m->mVertices = new aiVector3D[m->mNumVertices];
        for (unsigned v = 0; v < m->mNumVertices; ++v)
            m->mVertices[v] = aiVector3D(o.mesh.vertices[v].x, o.mesh.vertices[v].y, o.mesh.vertices[v].z);
        m->mNumFaces = unsigned(o.mesh.triangles.size());
        m->mFaces = new aiFace[m->mNumFaces];
        for (unsigned f = 0; f < m->mNumFaces; ++f) {
            m->mFaces[f].mNumIndices = 3;
            m->mFaces[f].mIndices = new unsigned[3]{o.mesh.triangles[f].x, o.mesh.triangles[f].y, o.mesh.triangles[f].z};
        }
        ai->mMeshes[k] = m;
        mesh_of[which[k]] = k;
    }
    // Nodes: one per object, under its parent's node when `hierarchy`.
    ai->mRootNode = new aiNode("patient");
    std::map<int, aiNode*> node_of;
    std::map<aiNode*, std::vector<aiNode*>> children;
    for (int i : which) {
        auto* node = new aiNode(scene.objects[std::size_t(i)].name);
        node->mNumMeshes = 1;
        node->mMeshes = new unsigned[1]{mesh_of[i]};
        node_of[i] = node;
        const int p = scene.objects[std::size_t(i)].parent;
        aiNode* parent = hierarchy && p >= 0 && node_of.count(p) ? node_of[p] : ai->mRootNode;
        node->mParent = parent;
        children[parent].push_back(node);
    }
    for (auto& [parent, kids] : children) {
        parent->mNumChildren = unsigned(kids.size());
        parent->mChildren = new aiNode*[kids.size()];
        std::copy(kids.begin(), kids.end(), parent->mChildren);
    }
    return ai;
}

void export_with(const aiScene* ai, const char* format, const fs::path& path) {
    Assimp::Exporter exporter;
    if (exporter.Export(ai, format, path.string()) != AI_SUCCESS)
        throw InputError({path.string(), 0, ""}, std::string("cannot write mesh file: ") + exporter.GetErrorString());
}

}  // namespace

void export_scene(const Scene& scene, const fs::path& path) {
    const std::string ext = lower(path.extension().string());
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    std::vector<int> all(scene.objects.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = int(i);
    if (ext == ".gltf" || ext == ".glb") {
        export_with(make_ai_scene(scene, all, true).get(), ext == ".glb" ? "glb2" : "gltf2", path);
    } else if (ext == ".obj") {
        export_with(make_ai_scene(scene, all, false).get(), "obj", path);
    } else if (ext == ".stl") {
        // One ASCII solid per object, named "<label>@<material>", concatenated.
        std::ofstream out(path);
        if (!out) throw InputError({path.string(), 0, ""}, "cannot write mesh file");
        for (std::size_t i = 0; i < scene.objects.size(); ++i) {
            Scene one;
            SceneObject o = scene.objects[i];
            for (std::size_t p = o.name.find(' '); p != std::string::npos; p = o.name.find(' ', p)) o.name.replace(p, 1, "%20");
            o.name += "@" + o.material;
            o.parent = -1;
            one.add(std::move(o));
            Assimp::Exporter exporter;
            const aiExportDataBlob* blob = exporter.ExportToBlob(make_ai_scene(one, {0}, false).get(), "stl");
            if (!blob) throw InputError({path.string(), 0, ""}, std::string("cannot write STL: ") + exporter.GetErrorString());
            // Assimp names every solid after the scene; name it after the object instead.
            std::string text(static_cast<const char*>(blob->data), blob->size);
            const std::string solid = "solid " + one.objects[0].name;
            if (const auto nl = text.find('\n'); text.rfind("solid ", 0) == 0 && nl != std::string::npos)
                text.replace(0, nl, solid);
            if (const auto end = text.rfind("endsolid"); end != std::string::npos) text.replace(end, std::string::npos, "end" + solid + "\n");
            out << text;
        }
        if (!out) throw InputError({path.string(), 0, ""}, "error while writing mesh file");
    } else {
        throw InputError({path.string(), 0, ""}, "unknown mesh format '" + ext + "' (use .gltf, .glb, .obj or .stl)");
    }
}

}  // namespace fluorosim::io
