#include "core/media/qc/PictureMetrics.h"

#include <algorithm>
#include <cstddef>
#include <cmath>
#include <vector>

namespace rendition {

namespace {

// Sums over one 4×4 block of the two planes.
struct BlockSums {
    int32_t a = 0;      // Σ a
    int32_t b = 0;      // Σ b
    int32_t squares = 0; // Σ a² + Σ b²
    int32_t cross = 0;  // Σ a·b
};

BlockSums blockSums(const PlaneView &a, const PlaneView &b, int x0, int y0)
{
    BlockSums s;
    for (int y = y0; y < y0 + 4; ++y) {
        const uint8_t *ra = a.data + std::ptrdiff_t(y) * a.linesize + x0;
        const uint8_t *rb = b.data + std::ptrdiff_t(y) * b.linesize + x0;
        for (int x = 0; x < 4; ++x) {
            const int va = ra[x], vb = rb[x];
            s.a += va;
            s.b += vb;
            s.squares += va * va + vb * vb;
            s.cross += va * vb;
        }
    }
    return s;
}

double windowSsim(const BlockSums &s00, const BlockSums &s01, const BlockSums &s10, const BlockSums &s11)
{
    constexpr double kC1 = (0.01 * 255) * (0.01 * 255);
    constexpr double kC2 = (0.03 * 255) * (0.03 * 255);
    constexpr double kN = 64.0;
    const double sa = s00.a + s01.a + s10.a + s11.a;
    const double sb = s00.b + s01.b + s10.b + s11.b;
    const double ss = double(s00.squares) + s01.squares + s10.squares + s11.squares;
    const double sab = double(s00.cross) + s01.cross + s10.cross + s11.cross;
    const double ma = sa / kN, mb = sb / kN;
    const double variances = ss / kN - ma * ma - mb * mb; // var(a) + var(b)
    const double covariance = sab / kN - ma * mb;
    return ((2 * ma * mb + kC1) * (2 * covariance + kC2)) / ((ma * ma + mb * mb + kC1) * (variances + kC2));
}

} // namespace

double meanSquaredError(const PlaneView &a, const PlaneView &b)
{
    if (a.width <= 0 || a.height <= 0) return 0;
    uint64_t total = 0;
    for (int y = 0; y < a.height; ++y) {
        const uint8_t *ra = a.data + std::ptrdiff_t(y) * a.linesize;
        const uint8_t *rb = b.data + std::ptrdiff_t(y) * b.linesize;
        uint32_t row = 0; // ≤ 65025 × width: fits for widths up to 66 000
        for (int x = 0; x < a.width; ++x) {
            const int d = int(ra[x]) - int(rb[x]);
            row += uint32_t(d * d);
        }
        total += row;
    }
    return double(total) / (double(a.width) * a.height);
}

double psnrFromMse(double mse)
{
    if (mse <= 0) return kPsnrCapDb;
    return std::min(kPsnrCapDb, 10.0 * std::log10(255.0 * 255.0 / mse));
}

double ssim(const PlaneView &a, const PlaneView &b)
{
    const int bw = a.width / 4, bh = a.height / 4;
    if (bw < 2 || bh < 2) return 1.0;
    std::vector<BlockSums> prev(static_cast<size_t>(bw)), cur(static_cast<size_t>(bw));
    for (int bx = 0; bx < bw; ++bx) prev[size_t(bx)] = blockSums(a, b, bx * 4, 0);
    double total = 0;
    for (int by = 1; by < bh; ++by) {
        for (int bx = 0; bx < bw; ++bx) cur[size_t(bx)] = blockSums(a, b, bx * 4, by * 4);
        for (int bx = 0; bx + 1 < bw; ++bx)
            total += windowSsim(prev[size_t(bx)], prev[size_t(bx) + 1], cur[size_t(bx)], cur[size_t(bx) + 1]);
        std::swap(prev, cur);
    }
    return total / (double(bw - 1) * (bh - 1));
}

} // namespace rendition
