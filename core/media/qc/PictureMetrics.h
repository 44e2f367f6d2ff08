#pragma once
// Full-reference picture metrics on one 8-bit plane (QC compares luma).
//
// PSNR: 10·log10(255² / MSE) in dB; identical planes (MSE = 0) give kPsnrCapDb so
// averages stay finite and JSON stays valid.
// SSIM: Wang et al. 2004 on 8×8 windows stepped by 4 samples (the windows libvpx and
// FFmpeg's ssim filter use), K1 = 0.01, K2 = 0.03, L = 255; the mean over all windows.
// 1.0 for identical planes. Both planes must have the same width and height.

#include <cstdint>

namespace rendition {

inline constexpr double kPsnrCapDb = 100.0;

struct PlaneView {
    const uint8_t *data = nullptr;
    int linesize = 0; // bytes per row
    int width = 0;
    int height = 0;
};

double meanSquaredError(const PlaneView &a, const PlaneView &b);
double psnrFromMse(double mse); // capped at kPsnrCapDb
double ssim(const PlaneView &a, const PlaneView &b);

} // namespace rendition
