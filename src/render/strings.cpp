#include "optiscope/render/strings.hpp"

#include <array>
#include <cstdio>

namespace optiscope::render {
namespace {

struct Wording {
  Text id;
  std::string_view en;
  std::string_view zh;
};

// One row per label. Hyperparameter names, optimizer labels and formulas
// stay as the user typed them in both languages.
constexpr std::array kWordings = {
    Wording{Text::path_map_title, "Optimizer paths on L(x, y) = {}",
            "优化器在 L(x, y) = {} 上的轨迹"},
    Wording{Text::scenario_subtitle, "start ({}, {}), {} steps", "起点 ({}, {})，共 {} 步"},
    Wording{Text::scenario_subtitle_many_starts, "{} steps from each path's own start",
            "各轨迹从各自的起点出发，共 {} 步"},
    Wording{Text::axis_x, "x", "x"},
    Wording{Text::axis_y, "y", "y"},
    Wording{Text::axis_step, "step", "步数"},
    Wording{Text::colorbar_loss, "loss (log-spaced levels)", "损失（对数间隔等值线）"},
    Wording{Text::colorbar_loss_above_minimum, "loss − minimum (log-spaced levels)",
            "损失 − 最小值（对数间隔等值线）"},
    Wording{Text::colorbar_loss_above_lowest, "loss − lowest shown (log-spaced levels)",
            "损失 − 图中最低值（对数间隔等值线）"},
    Wording{Text::key_start, "start", "起点"},
    Wording{Text::key_minimum, "minimum", "极小点"},
    Wording{Text::key_final_point, "final point", "终点"},
    Wording{Text::key_steps, "steps, fading with time", "每一步（越晚越淡）"},
    Wording{Text::key_ellipse, "level ellipse and Hessian eigendirections (λ = {})",
            "等值椭圆与 Hessian 特征方向（λ = {}）"},
    Wording{Text::eigenvalue_label, "λ = {}", "λ = {}"},
    Wording{Text::key_arrows_at_step, "arrows at step {}:", "第 {} 步的箭头："},
    Wording{Text::arrow_update, "update", "更新量"},
    Wording{Text::arrow_gradient_step, "−lr·∇L", "−lr·∇L"},
    Wording{Text::arrow_velocity, "velocity −lr·μ·b or Adam's −lr·m̂",
            "速度 −lr·μ·b 或 Adam 的 −lr·m̂"},
    Wording{Text::legend_label, "{} (lr {})", "{}（lr {}）"},
    Wording{Text::legend_final_loss, "{} (lr {}): final loss {}", "{}（lr {}）：最终损失 {}"},
    Wording{Text::legend_diverged, "{} (lr {}): diverged at step {}", "{}（lr {}）：第 {} 步发散"},
    Wording{Text::legend_stopped, "{} (lr {}): stopped after step {}, loss {}",
            "{}（lr {}）：第 {} 步后停止，损失 {}"},
    Wording{Text::loss_title, "Loss against step", "损失随步数的变化"},
    Wording{Text::loss_axis, "loss (log scale)", "损失（对数坐标）"},
    Wording{Text::loss_axis_above_minimum, "loss − minimum (log scale)",
            "损失 − 最小值（对数坐标）"},
    Wording{Text::loss_axis_above_lowest, "loss − lowest (log scale)", "损失 − 最低值（对数坐标）"},
    Wording{Text::eigen_title, "Coordinates along the Hessian eigendirections",
            "沿 Hessian 特征方向的坐标"},
    Wording{Text::eigen_steep_panel, "steep direction (λ = {})", "陡峭方向（λ = {}）"},
    Wording{Text::eigen_flat_panel, "flat direction (λ = {})", "平坦方向（λ = {}）"},
    Wording{Text::eigen_axis, "offset from the minimizer", "相对极小点的偏移"},
    Wording{Text::eigen_axis_from_start, "offset from the start", "相对起点的偏移"},
    Wording{Text::sheet_title, "optiscope lab sheet: L(x, y) = {}",
            "optiscope 实验记录：L(x, y) = {}"},
    Wording{Text::caption_surface, "Surface {}: L(x, y) = {}", "曲面 {}：L(x, y) = {}"},
    Wording{Text::caption_start, "Start ({}, {}), {} steps", "起点 ({}, {})，共 {} 步"},
    Wording{Text::caption_optimizer, "{}: {} with {}", "{}：{}，超参数 {}"},
    Wording{Text::animation_step, "step {} of {}", "第 {} 步，共 {} 步"},
    // Sweep figures: heatmaps, basin maps and curves.
    Wording{Text::sweep_heatmap_title, "{}: final loss after {} steps", "{}：{} 步后的最终损失"},
    Wording{Text::sweep_steps_title, "{}: steps until the loss is below {}",
            "{}：损失降到 {} 以下所需的步数"},
    Wording{Text::sweep_basin_title, "{}: the minimizer each start leads to",
            "{}：从各起点出发最终到达的极小点"},
    Wording{Text::sweep_curves_title, "Final loss and steps against {}",
            "最终损失和所需步数随 {} 的变化"},
    Wording{Text::sweep_subtitle, "L(x, y) = {}; start ({}, {}), {} steps",
            "L(x, y) = {}；起点 ({}, {})，共 {} 步"},
    Wording{Text::sweep_subtitle_start_grid, "L(x, y) = {}; {} steps from every start",
            "L(x, y) = {}；每个起点各走 {} 步"},
    Wording{Text::sweep_axis_log, "{} (log scale)", "{}（对数坐标）"},
    Wording{Text::sweep_axis_start, "start {}", "起点 {}"},
    Wording{Text::sweep_colorbar_steps, "steps until loss < {}", "损失低于 {} 所需步数"},
    Wording{Text::sweep_loss_panel, "Final loss after {} steps", "{} 步后的最终损失"},
    Wording{Text::sweep_steps_panel, "Steps until the loss is below {}", "损失降到 {} 以下所需的步数"},
    Wording{Text::sweep_key_diverged, "diverged", "发散"},
    Wording{Text::sweep_key_not_reached, "not below {} within {} steps",
            "未降到 {} 以下（限 {} 步）"},
    Wording{Text::sweep_key_missing, "not computed in this shard", "不属于本分片，未计算"},
    Wording{Text::sweep_key_no_basin, "reached no minimizer", "未到达任何极小点"},
    Wording{Text::sweep_key_basin, "ends at ({}, {})", "到达 ({}, {})"},
    Wording{Text::sweep_key_boundary, "theory: stability boundary (predicted rate 1 per step)",
            "理论：稳定边界（预测每步收敛因子为 1）"},
    Wording{Text::sweep_key_best_pair, "theory: best lr {} with momentum {}, rate {} per step",
            "理论：最优 lr {}、动量 {}，每步收敛因子 {}"},
    Wording{Text::sweep_key_best_gd_lr, "theory: best gd lr 2/(λmin + λmax) = {}",
            "理论：gd 的最优 lr 2/(λmin + λmax) = {}"},
    Wording{Text::sweep_key_limit, "{}: predicted stability limit {} = {}", "{}：理论稳定界 {} = {}"},
    Wording{Text::sweep_key_best_lr, "{}: predicted best lr {}", "{}：理论最优 lr {}"},
};

constexpr bool rows_follow_enum_order() {
  for (std::size_t k = 0; k < kWordings.size(); ++k) {
    if (static_cast<std::size_t>(kWordings[k].id) != k) {
      return false;
    }
  }
  return true;
}
static_assert(rows_follow_enum_order() &&
                  kWordings.size() == static_cast<std::size_t>(Text::sweep_key_best_lr) + 1,
              "kWordings must list every Text once, in enum order");

}  // namespace

std::optional<Language> parse_language(std::string_view code) {
  if (code == "en") {
    return Language::en;
  }
  if (code == "zh") {
    return Language::zh;
  }
  return std::nullopt;
}

std::string_view text(Language language, Text id) {
  const Wording& wording = kWordings.at(static_cast<std::size_t>(id));
  return language == Language::zh ? wording.zh : wording.en;
}

std::string fill_placeholders(std::string_view pattern, std::initializer_list<std::string> values) {
  std::string result;
  auto next = values.begin();
  std::size_t at = 0;
  while (at < pattern.size()) {
    const std::size_t mark = pattern.find("{}", at);
    if (mark == std::string_view::npos || next == values.end()) {
      result += pattern.substr(at);
      break;
    }
    result += pattern.substr(at, mark - at);
    result += *next;
    ++next;
    at = mark + 2;
  }
  return result;
}

std::string format_number(double value, int significant) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*g", significant, value == 0.0 ? 0.0 : value);
  return buffer;
}

std::string text(Language language, Text id, std::initializer_list<std::string> values) {
  return fill_placeholders(text(language, id), values);
}

}  // namespace optiscope::render
