#pragma once

#include <vector>

#include "optiscope/core/surface.hpp"

namespace optiscope::render {

/// Surface values sampled on a regular grid of nx by ny nodes that spans
/// `box` corner to corner; node (i, j) is at column i, row j from y_min.
struct Grid {
  Box box;
  int nx = 0;
  int ny = 0;
  std::vector<double> values;

  double at(int i, int j) const { return values[static_cast<std::size_t>(j) * nx + i]; }
  Vec2 node(int i, int j) const;
};

/// Samples `surface` on a grid; values that are not finite stay NaN.
Grid sample_grid(const Surface& surface, Box box, int nx, int ny);

/// Returns log-spaced levels 1, 2, 5 times powers of ten with
/// low < level <= high, at most `max_levels` of them (thinned to powers of
/// ten when there would be more).
std::vector<double> log_levels(double low, double high, int max_levels);

/// A straight piece of an isoline.
struct Segment {
  Vec2 a;
  Vec2 b;
};

/// Traces the isoline value == level with marching squares. Cells with a
/// NaN corner are skipped. Saddle cells use the cell-centre average to
/// choose which corners connect.
std::vector<Segment> trace_isoline(const Grid& grid, double level);

}  // namespace optiscope::render
