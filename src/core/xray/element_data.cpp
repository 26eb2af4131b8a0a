#include "core/xray/element_data.hpp"

#include <xraylib.h>

#include <cassert>
#include <string>

namespace fluorosim {
namespace {

// xraylib reports problems through an xrl_error out-parameter; we only call it with inputs we
// have validated, so an error here is a programmer mistake.
struct XrlError {
    xrl_error* error = nullptr;
    ~XrlError() {
        if (error) xrl_error_free(error);
    }
    bool failed() const { return error != nullptr; }
};

}  // namespace

int atomic_number(std::string_view symbol) {
    if (symbol.empty() || symbol.size() > 2) return 0;
    XrlError e;
    const int z = SymbolToAtomicNumber(std::string(symbol).c_str(), &e.error);
    if (e.failed() || z < 1 || z > 94) return 0;
    // xraylib accepts any letter case; we insist on the chemist's spelling so "fe" is an error.
    return element_symbol(z) == symbol ? z : 0;
}

std::string element_symbol(int z) {
    XrlError e;
    char* s = AtomicNumberToSymbol(z, &e.error);
    if (e.failed() || !s) return {};
    std::string out(s);
    xrlFree(s);
    return out;
}

double element_mass_attenuation_cm2_per_g(int z, double keV) {
    assert(z >= 1 && z <= 94 && keV > 0.0);
    XrlError e;
    const double mu = CS_Total(z, keV, &e.error);
    assert(!e.failed());
    return mu;
}

std::optional<NistCompound> nist_compound(const std::string& name) {
    XrlError e;
    compoundDataNIST* c = GetCompoundDataNISTByName(name.c_str(), &e.error);
    if (e.failed() || !c) return std::nullopt;
    NistCompound out;
    out.density_g_per_cm3 = c->density;
    for (int i = 0; i < c->nElements; ++i)
        out.elements.push_back({c->Elements[i], c->massFractions[i]});
    FreeCompoundDataNIST(c);
    return out;
}

double tungsten_k_edge_keV() {
    XrlError e;
    const double edge = EdgeEnergy(74, K_SHELL, &e.error);
    assert(!e.failed());
    return edge;
}

const std::vector<KLine>& tungsten_k_lines() {
    static const std::vector<KLine> lines = [] {
        std::vector<KLine> out;
        double total = 0.0;
        for (int line : {KA1_LINE, KA2_LINE, KB1_LINE, KB2_LINE, KB3_LINE}) {
            XrlError e1, e2;
            const double energy = LineEnergy(74, line, &e1.error);
            const double rate = RadRate(74, line, &e2.error);
            assert(!e1.failed() && !e2.failed());
            out.push_back({energy, rate});
            total += rate;
        }
        for (auto& l : out) l.relative_rate /= total;
        return out;
    }();
    return lines;
}

}  // namespace fluorosim
