#pragma once

#include <string>
#include <vector>

#include "optiscope/render/figure.hpp"
#include "optiscope/render/figure_file.hpp"

namespace optiscope::render {

/// Returns the caption of the lab sheet, one line each: the surface, the
/// start and the step count, then every optimizer with its torch.optim
/// class and all of its hyperparameters.
std::vector<std::string> caption_lines(const FigureInput& input);

/// The lab sheet: the path map on the left, the loss curves and both
/// eigencomponent panels on the right, the legend and the caption below.
FigureDrawing lab_sheet_figure(const FigureInput& input, FigureSize size = {1800, 0});

}  // namespace optiscope::render
