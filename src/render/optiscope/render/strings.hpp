#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace optiscope::render {

/// The language of every label on a figure.
enum class Language { en, zh };

/// Parses "en" or "zh"; returns nothing for any other text.
std::optional<Language> parse_language(std::string_view code);

/// Every piece of text that a figure shows, looked up in one table so that
/// the English and Chinese wording sit side by side.
enum class Text {
  path_map_title,
  scenario_subtitle,
  scenario_subtitle_many_starts,
  axis_x,
  axis_y,
  axis_step,
  colorbar_loss,
  colorbar_loss_above_minimum,
  colorbar_loss_above_lowest,
  key_start,
  key_minimum,
  key_final_point,
  key_steps,
  key_ellipse,
  eigenvalue_label,
  key_arrows_at_step,
  arrow_update,
  arrow_gradient_step,
  arrow_velocity,
  legend_label,
  legend_final_loss,
  legend_diverged,
  legend_stopped,
  loss_title,
  loss_axis,
  loss_axis_above_minimum,
  loss_axis_above_lowest,
  eigen_title,
  eigen_steep_panel,
  eigen_flat_panel,
  eigen_axis,
  eigen_axis_from_start,
  sheet_title,
  caption_surface,
  caption_start,
  caption_optimizer,
  animation_step,
  sweep_heatmap_title,
  sweep_steps_title,
  sweep_basin_title,
  sweep_curves_title,
  sweep_subtitle,
  sweep_subtitle_start_grid,
  sweep_axis_log,
  sweep_axis_start,
  sweep_colorbar_steps,
  sweep_loss_panel,
  sweep_steps_panel,
  sweep_key_diverged,
  sweep_key_not_reached,
  sweep_key_missing,
  sweep_key_no_basin,
  sweep_key_basin,
  sweep_key_boundary,
  sweep_key_best_pair,
  sweep_key_best_gd_lr,
  sweep_key_limit,
  sweep_key_best_lr,
};

/// Returns the wording of `id` in `language`. "{}" marks where
/// fill_placeholders puts a value.
std::string_view text(Language language, Text id);

/// Replaces each "{}" in `pattern` by the next value, in order; surplus
/// placeholders stay as they are.
std::string fill_placeholders(std::string_view pattern, std::initializer_list<std::string> values);

/// Formats `value` with `significant` significant digits in the shortest of
/// fixed and scientific notation, such as "0.08", "6.2e-07" or "0.000378".
std::string format_number(double value, int significant = 3);

/// Looks up `id` and fills its placeholders.
std::string text(Language language, Text id, std::initializer_list<std::string> values);

}  // namespace optiscope::render
