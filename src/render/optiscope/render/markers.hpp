#pragma once

#include <cairo.h>

#include "optiscope/core/vec2.hpp"
#include "optiscope/render/colors.hpp"

namespace optiscope::render {

/// Sets the cairo source to `color` with opacity `alpha`.
void set_color(cairo_t* cr, Color color, double alpha = 1.0);

/// The start of the paths: a white disc with a black ring of radius `radius`.
void draw_start_marker(cairo_t* cr, Vec2 centre, double radius);

/// A known minimizer: a black cross with a white halo, `radius` from centre
/// to each tip along the axes.
void draw_minimum_marker(cairo_t* cr, Vec2 centre, double radius);

/// An x in `color` with a white halo, `radius` from centre to each tip; the
/// minimum marker in black, a diverged cell of a sweep in a path colour.
void draw_cross_marker(cairo_t* cr, Vec2 centre, double radius, Color color);

/// The last point of a path: a square in the path colour with a white rim.
void draw_final_marker(cairo_t* cr, Vec2 centre, double half_side, Color color);

/// One step of a path: a disc in the path colour with a thin white rim, both
/// at opacity `alpha`.
void draw_step_dot(cairo_t* cr, Vec2 centre, double radius, Color color, double alpha);

/// How an arrow's shaft is stroked.
enum class ArrowLine { solid, dashed, dotted };

/// Draws an arrow from `tail` to `head` with a filled head `head_length`
/// long, in `color` over a white halo. Draws nothing for a zero-length arrow.
void draw_arrow(cairo_t* cr, Vec2 tail, Vec2 head, Color color, double width, ArrowLine line,
                double head_length);

}  // namespace optiscope::render
