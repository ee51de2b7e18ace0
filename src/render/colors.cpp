#include "optiscope/render/colors.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace optiscope::render {
namespace {

// Okabe-Ito colours as published, as 8-bit sRGB: blue, vermillion, bluish
// green, reddish purple, orange, sky blue and black.
constexpr std::array<std::array<int, 3>, 7> kOkabeIto = {{
    {0, 114, 178},
    {213, 94, 0},
    {0, 158, 115},
    {204, 121, 167},
    {230, 159, 0},
    {86, 180, 233},
    {0, 0, 0},
}};

double linear_to_srgb(double c) {
  c = std::clamp(c, 0.0, 1.0);
  return c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1.0 / 2.4) - 0.055;
}

// Converts OKLab (Ottosson 2020) to sRGB.
Color oklab_to_srgb(double lightness, double a, double b) {
  const double l_root = lightness + 0.3963377774 * a + 0.2158037573 * b;
  const double m_root = lightness - 0.1055613458 * a - 0.0638541728 * b;
  const double s_root = lightness - 0.0894841775 * a - 1.2914855480 * b;
  const double l = l_root * l_root * l_root;
  const double m = m_root * m_root * m_root;
  const double s = s_root * s_root * s_root;
  return {linear_to_srgb(4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s),
          linear_to_srgb(-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s),
          linear_to_srgb(-0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s)};
}

}  // namespace

Color path_color(std::size_t index) {
  const auto& rgb = kOkabeIto[index % kOkabeIto.size()];
  return {rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0};
}

Color surface_color(double t) {
  t = std::clamp(t, 0.0, 1.0);
  const double lightness = 0.42 + 0.55 * t;
  // Hue turns from about 265 degrees (blue) to about 100 degrees (yellow);
  // chroma peaks in the middle, where sRGB has room for it.
  const double hue = (265.0 - 165.0 * t) * std::numbers::pi / 180.0;
  const double chroma = 0.05 + 0.04 * std::sin(std::numbers::pi * t);
  return oklab_to_srgb(lightness, chroma * std::cos(hue), chroma * std::sin(hue));
}

}  // namespace optiscope::render
