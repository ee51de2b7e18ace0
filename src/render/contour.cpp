#include "optiscope/render/contour.hpp"

#include <cmath>
#include <limits>

namespace optiscope::render {

Vec2 Grid::node(int i, int j) const {
  const double fx = nx > 1 ? static_cast<double>(i) / (nx - 1) : 0.0;
  const double fy = ny > 1 ? static_cast<double>(j) / (ny - 1) : 0.0;
  return {box.x_min + fx * (box.x_max - box.x_min), box.y_min + fy * (box.y_max - box.y_min)};
}

Grid sample_grid(const Surface& surface, Box box, int nx, int ny) {
  Grid grid{box, nx, ny, {}};
  grid.values.resize(static_cast<std::size_t>(nx) * ny);
  for (int j = 0; j < ny; ++j) {
    for (int i = 0; i < nx; ++i) {
      const double value = surface.value(grid.node(i, j));
      grid.values[static_cast<std::size_t>(j) * nx + i] =
          std::isfinite(value) ? value : std::numeric_limits<double>::quiet_NaN();
    }
  }
  return grid;
}

std::vector<double> log_levels(double low, double high, int max_levels) {
  std::vector<double> levels;
  if (!(low > 0.0) || !(high > low)) {
    return levels;
  }
  const int first_decade = static_cast<int>(std::floor(std::log10(low)));
  const int last_decade = static_cast<int>(std::ceil(std::log10(high)));
  for (int decade = first_decade; decade <= last_decade; ++decade) {
    for (double mantissa : {1.0, 2.0, 5.0}) {
      const double level = mantissa * std::pow(10.0, decade);
      if (level > low && level <= high) {
        levels.push_back(level);
      }
    }
  }
  if (static_cast<int>(levels.size()) > max_levels) {
    std::vector<double> decades;
    for (double level : levels) {
      const double exponent = std::log10(level);
      if (std::abs(exponent - std::round(exponent)) < 1e-9) {
        decades.push_back(level);
      }
    }
    levels = decades;
  }
  return levels;
}

namespace {

// Where along the edge from value a to value b the level is crossed.
Vec2 crossing(Vec2 pa, Vec2 pb, double a, double b, double level) {
  const double t = (level - a) / (b - a);
  return {pa.x + t * (pb.x - pa.x), pa.y + t * (pb.y - pa.y)};
}

}  // namespace

std::vector<Segment> trace_isoline(const Grid& grid, double level) {
  std::vector<Segment> segments;
  for (int j = 0; j + 1 < grid.ny; ++j) {
    for (int i = 0; i + 1 < grid.nx; ++i) {
      // Corners counter-clockwise from the lower left.
      const double v[4] = {grid.at(i, j), grid.at(i + 1, j), grid.at(i + 1, j + 1),
                           grid.at(i, j + 1)};
      if (std::isnan(v[0]) || std::isnan(v[1]) || std::isnan(v[2]) || std::isnan(v[3])) {
        continue;
      }
      const Vec2 p[4] = {grid.node(i, j), grid.node(i + 1, j), grid.node(i + 1, j + 1),
                         grid.node(i, j + 1)};

      // Crossing points on the four edges (edge k joins corner k and k+1).
      Vec2 points[4];
      int count = 0;
      for (int k = 0; k < 4; ++k) {
        const double a = v[k];
        const double b = v[(k + 1) % 4];
        if ((a < level) != (b < level)) {
          points[count] = crossing(p[k], p[(k + 1) % 4], a, b, level);
          ++count;
        }
      }

      if (count == 2) {
        segments.push_back({points[0], points[1]});
      } else if (count == 4) {
        // Saddle cell: the centre value decides whether corner 0 joins its
        // neighbours' edges or the opposite pair does.
        const double centre = 0.25 * (v[0] + v[1] + v[2] + v[3]);
        const bool centre_like_corner0 = (centre < level) == (v[0] < level);
        if (centre_like_corner0) {
          segments.push_back({points[0], points[1]});
          segments.push_back({points[2], points[3]});
        } else {
          segments.push_back({points[3], points[0]});
          segments.push_back({points[1], points[2]});
        }
      }
    }
  }
  return segments;
}

}  // namespace optiscope::render
