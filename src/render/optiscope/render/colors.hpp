#pragma once

#include <array>
#include <cstddef>

namespace optiscope::render {

/// An sRGB colour with components in [0, 1].
struct Color {
  double r = 0.0;
  double g = 0.0;
  double b = 0.0;
};

/// Returns the colour of path number `index`, cycling through the
/// Okabe-Ito palette (Okabe and Ito, "Color Universal Design", 2008), which
/// stays distinguishable under the common forms of colour blindness. Yellow
/// is left out because it vanishes on the light end of the surface colormap.
Color path_color(std::size_t index);

/// Maps t in [0, 1] to the surface colormap: a ramp whose OKLab lightness
/// rises linearly from 0.42 to 0.97 at low chroma, while the hue turns from blue through
/// teal and green to cream, so equal steps in t look like equal steps in
/// brightness (perceptually uniform), the map reads in greyscale, and the
/// saturated path colours stand out on it.
Color surface_color(double t);

}  // namespace optiscope::render
