#include "io/volume_file.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/util/error.hpp"

namespace fluorosim::io {
namespace {

static_assert(std::endian::native == std::endian::little, "volume files are written little-endian");

enum class Format { mha, nrrd };

Format format_of(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (ext == ".mha") return Format::mha;
    if (ext == ".nrrd") return Format::nrrd;
    throw InputError({path.string(), 0, ""}, "volume files must end in .mha or .nrrd");
}

std::string numbers(const glm::dvec3& v, const char* sep = " ") {
    std::ostringstream s;
    s.precision(17);  // round-trips doubles exactly
    s << v.x << sep << v.y << sep << v.z;
    return s.str();
}

std::vector<char> voxel_bytes(const VolumeF& volume, VoxelType type) {
    if (type == VoxelType::float32) {
        std::vector<char> out(volume.voxels.size() * sizeof(float));
        std::memcpy(out.data(), volume.voxels.data(), out.size());
        return out;
    }
    std::vector<char> out(volume.voxels.size() * sizeof(std::int16_t));
    for (std::size_t i = 0; i < volume.voxels.size(); ++i) {
        const double v = std::clamp(std::round(double(volume.voxels[i])), -32768.0, 32767.0);
        const auto s = static_cast<std::int16_t>(v);
        std::memcpy(out.data() + i * sizeof s, &s, sizeof s);
    }
    return out;
}

std::string mha_header(const VolumeF& v, VoxelType type) {
    const VolumeGrid& g = v.grid;
    std::ostringstream h;
    h << "ObjectType = Image\nNDims = 3\nBinaryData = True\nBinaryDataByteOrderMSB = False\n"
      << "CompressedData = False\nTransformMatrix = 1 0 0 0 1 0 0 0 1\n"
      << "Offset = " << numbers(g.origin) << "\nCenterOfRotation = 0 0 0\n"
      << "AnatomicalOrientation = RAI\nElementSpacing = " << numbers(g.spacing) << "\n"
      << "DimSize = " << g.dims.x << " " << g.dims.y << " " << g.dims.z << "\n"
      << "ElementType = " << (type == VoxelType::float32 ? "MET_FLOAT" : "MET_SHORT") << "\n"
      << "ElementDataFile = LOCAL\n";
    return h.str();
}

std::string nrrd_header(const VolumeF& v, VoxelType type) {
    const VolumeGrid& g = v.grid;
    std::ostringstream h;
    h.precision(17);
    h << "NRRD0004\n# written by fluorosim\ntype: " << (type == VoxelType::float32 ? "float" : "short")
      << "\ndimension: 3\nspace: left-posterior-superior\nsizes: " << g.dims.x << " " << g.dims.y << " "
      << g.dims.z << "\nspace directions: (" << g.spacing.x << ",0,0) (0," << g.spacing.y << ",0) (0,0,"
      << g.spacing.z << ")\nkinds: domain domain domain\nendian: little\nencoding: raw\n"
      << "space origin: (" << numbers(g.origin, ",") << ")\n\n";
    return h.str();
}

// --- reading ---

struct Header {
    std::map<std::string, std::string> fields;
    std::streamoff data_start = 0;
};

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// MHA: "Key = value" lines up to and including ElementDataFile. NRRD: "key: value" lines (and
// "key:=value" key/value pairs, ignored) up to a blank line.
Header read_header(std::istream& in, Format format, const std::string& file) {
    Header h;
    std::string line;
    int n = 0;
    if (format == Format::nrrd) {
        std::getline(in, line);
        ++n;
        if (line.rfind("NRRD000", 0) != 0) throw InputError({file, 1, ""}, "not a NRRD file (no NRRD000x magic)");
    }
    while (std::getline(in, line)) {
        ++n;
        line = trim(line);
        if (format == Format::nrrd) {
            if (line.empty()) break;
            if (line[0] == '#' || line.find(":=") != std::string::npos) continue;
            const auto colon = line.find(": ");
            if (colon == std::string::npos) throw InputError({file, n, ""}, "NRRD header line without 'key: value'");
            h.fields[line.substr(0, colon)] = trim(line.substr(colon + 2));
        } else {
            const auto eq = line.find('=');
            if (eq == std::string::npos) throw InputError({file, n, ""}, "MetaImage header line without 'Key = value'");
            const std::string key = trim(line.substr(0, eq));
            h.fields[key] = trim(line.substr(eq + 1));
            if (key == "ElementDataFile") break;
        }
    }
    if (!in) throw InputError({file, n, ""}, "volume header ends before the data");
    h.data_start = in.tellg();
    return h;
}

const std::string& field(const Header& h, const std::string& key, const std::string& file) {
    auto it = h.fields.find(key);
    if (it == h.fields.end()) throw InputError({file, 0, key}, "missing in the volume header");
    return it->second;
}

std::vector<double> parse_numbers(std::string text, const std::string& file, const std::string& key) {
    for (char& c : text)
        if (c == '(' || c == ')' || c == ',') c = ' ';
    std::istringstream s(text);
    std::vector<double> out;
    double v;
    while (s >> v) out.push_back(v);
    if (!s.eof()) throw InputError({file, 0, key}, "expected numbers, got '" + text + "'");
    return out;
}

glm::dvec3 three(const std::vector<double>& v, const std::string& file, const std::string& key) {
    if (v.size() != 3) throw InputError({file, 0, key}, "expected 3 values, got " + std::to_string(v.size()));
    return {v[0], v[1], v[2]};
}

// Element type name -> bytes per voxel (1 unsigned char, 2 short, 4 float).
int element_bytes(const std::string& type, const std::string& file, const std::string& key) {
    if (type == "MET_FLOAT" || type == "float") return 4;
    if (type == "MET_SHORT" || type == "short" || type == "int16" || type == "int16_t" || type == "signed short") return 2;
    if (type == "MET_UCHAR" || type == "uchar" || type == "unsigned char" || type == "uint8" || type == "uint8_t") return 1;
    throw InputError({file, 0, key}, "voxel type '" + type + "' is not supported (float, short or unsigned char)");
}

VolumeGrid mha_grid(const Header& h, const std::string& file) {
    if (field(h, "NDims", file) != "3") throw InputError({file, 0, "NDims"}, "only 3D volumes are supported");
    auto get = [&](const char* key) { return h.fields.count(key) ? h.fields.at(key) : std::string(); };
    if (get("CompressedData") == "True") throw InputError({file, 0, "CompressedData"}, "compressed MetaImage data is not supported");
    if (get("BinaryDataByteOrderMSB") == "True") throw InputError({file, 0, "BinaryDataByteOrderMSB"}, "big-endian data is not supported");
    if (field(h, "ElementDataFile", file) != "LOCAL")
        throw InputError({file, 0, "ElementDataFile"}, "only single-file volumes (ElementDataFile = LOCAL) are supported");
    const std::string matrix = get("TransformMatrix");
    if (!matrix.empty() && parse_numbers(matrix, file, "TransformMatrix") !=
                               std::vector<double>{1, 0, 0, 0, 1, 0, 0, 0, 1})
        throw InputError({file, 0, "TransformMatrix"}, "rotated volumes are not supported (identity only)");
    const std::string orient = get("AnatomicalOrientation");
    if (!orient.empty() && orient != "RAI" && orient != "???")
        throw InputError({file, 0, "AnatomicalOrientation"}, "only LPS volumes (RAI in MetaImage terms) are supported");
    VolumeGrid g;
    const glm::dvec3 dims = three(parse_numbers(field(h, "DimSize", file), file, "DimSize"), file, "DimSize");
    g.dims = glm::ivec3(dims);
    if (h.fields.count("ElementSpacing")) g.spacing = three(parse_numbers(h.fields.at("ElementSpacing"), file, "ElementSpacing"), file, "ElementSpacing");
    for (const char* key : {"Offset", "Origin", "Position"})
        if (h.fields.count(key)) g.origin = three(parse_numbers(h.fields.at(key), file, key), file, key);
    return g;
}

VolumeGrid nrrd_grid(const Header& h, const std::string& file) {
    if (field(h, "dimension", file) != "3") throw InputError({file, 0, "dimension"}, "only 3D volumes are supported");
    if (field(h, "encoding", file) != "raw")
        throw InputError({file, 0, "encoding"}, "only raw NRRD data is supported, not '" + h.fields.at("encoding") + "'");
    if (h.fields.count("endian") && h.fields.at("endian") != "little")
        throw InputError({file, 0, "endian"}, "big-endian data is not supported");
    if (h.fields.count("data file")) throw InputError({file, 0, "data file"}, "detached NRRD data is not supported");
    const std::string space = h.fields.count("space") ? h.fields.at("space") : "left-posterior-superior";
    if (space != "left-posterior-superior" && space != "LPS")
        throw InputError({file, 0, "space"}, "only LPS volumes are supported, not '" + space + "'");
    VolumeGrid g;
    g.dims = glm::ivec3(three(parse_numbers(field(h, "sizes", file), file, "sizes"), file, "sizes"));
    const std::vector<double> d = parse_numbers(field(h, "space directions", file), file, "space directions");
    if (d.size() != 9 || d[1] != 0 || d[2] != 0 || d[3] != 0 || d[5] != 0 || d[6] != 0 || d[7] != 0)
        throw InputError({file, 0, "space directions"}, "rotated volumes are not supported (diagonal directions only)");
    g.spacing = {d[0], d[4], d[8]};
    if (h.fields.count("space origin")) g.origin = three(parse_numbers(h.fields.at("space origin"), file, "space origin"), file, "space origin");
    return g;
}

}  // namespace

void write_volume(const std::filesystem::path& path, const VolumeF& volume, VoxelType type) {
    const Format format = format_of(path);
    assert(volume.voxels.size() == volume.grid.voxel_count());
    const std::string header = format == Format::mha ? mha_header(volume, type) : nrrd_header(volume, type);
    const std::vector<char> data = voxel_bytes(volume, type);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(header.data(), std::streamsize(header.size()));
    out.write(data.data(), std::streamsize(data.size()));
    out.close();
    if (!out) throw InputError({path.string(), 0, ""}, "cannot write the volume file");
}

VolumeF read_volume(const std::filesystem::path& path) {
    const Format format = format_of(path);
    const std::string file = path.string();
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError({file, 0, ""}, "cannot open the volume file");
    const Header h = read_header(in, format, file);
    const VolumeGrid grid = format == Format::mha ? mha_grid(h, file) : nrrd_grid(h, file);
    if (grid.dims.x <= 0 || grid.dims.y <= 0 || grid.dims.z <= 0)
        throw InputError({file, 0, format == Format::mha ? "DimSize" : "sizes"}, "sizes must be positive");
    const std::string type_key = format == Format::mha ? "ElementType" : "type";
    const int bytes = element_bytes(field(h, type_key, file), file, type_key);
    std::vector<char> raw(grid.voxel_count() * std::size_t(bytes));
    in.read(raw.data(), std::streamsize(raw.size()));
    if (in.gcount() != std::streamsize(raw.size()))
        throw InputError({file, 0, ""}, "volume data is shorter than its header says (" +
                                            std::to_string(in.gcount()) + " of " + std::to_string(raw.size()) + " bytes)");
    VolumeF out(grid);
    for (std::size_t i = 0; i < out.voxels.size(); ++i) {
        const char* p = raw.data() + i * std::size_t(bytes);
        if (bytes == 4) std::memcpy(&out.voxels[i], p, 4);
        else if (bytes == 2) {
            std::int16_t s;
            std::memcpy(&s, p, 2);
            out.voxels[i] = float(s);
        } else {
            out.voxels[i] = float(static_cast<unsigned char>(*p));
        }
    }
    return out;
}

}  // namespace fluorosim::io
